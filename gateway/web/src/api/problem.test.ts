import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../i18n/translate';
import { describeProblem, problemCode } from './problem';

const zh = (key: MessageKey, p?: Record<string, string | number>) => translate('zh-CN', key, p);
const en = (key: MessageKey, p?: Record<string, string | number>) => translate('en', key, p);
const base = 'https://stationery.dev/problems/';

describe('problem details for the user', () => {
  it('reads the code from the problem type', () => {
    expect(problemCode(`${base}insufficient-stock`)).toBe('insufficient-stock');
    expect(problemCode(undefined)).toBeUndefined();
  });

  it('says a wrong login in Chinese', () => {
    const d = describeProblem(401, { type: `${base}invalid-credentials`, detail: 'The chain, username or password is wrong.' }, zh, 'zh-CN');
    expect(d.message).toBe('连锁代码、用户名或密码不正确');
  });

  it('prefers the server detail in English', () => {
    const d = describeProblem(409, { type: `${base}insufficient-stock`, detail: 'Only 2 left of sku X.' }, en, 'en');
    expect(d.message).toBe('Only 2 left of sku X.');
  });

  it('translates common field messages and keeps the rest', () => {
    const d = describeProblem(400, { type: `${base}validation`, errors: { sku: ['is required'], quantity: ['must be at most 10000'] } }, zh, 'zh-CN');
    expect(d.message).toBe('请检查填写的内容');
    expect(d.fields).toEqual({ sku: ['必填'], quantity: ['must be at most 10000'] });
  });

  it('keeps an unknown rule readable: our sentence, then the server detail', () => {
    const d = describeProblem(409, { type: `${base}po-already-confirmed`, detail: 'Already confirmed.' }, zh, 'zh-CN');
    expect(d.message).toBe('操作未能完成（Already confirmed.）');
  });

  it('shows a Chinese detail as it is', () => {
    const d = describeProblem(409, { type: `${base}po-already-confirmed`, detail: '采购单已确认' }, zh, 'zh-CN');
    expect(d.message).toBe('采购单已确认');
  });

  it('never shows server internals for a 500', () => {
    expect(describeProblem(500, { detail: 'NullReferenceException' }, en, 'en').message).toBe(en('error.server'));
  });

  it('says the network is down when nothing answered', () => {
    expect(describeProblem(0, undefined, zh, 'zh-CN').message).toBe(zh('error.network'));
  });

  it('says in the reader\'s language that a repeated command was already applied and its answer lost', () => {
    const detail = '使用此 Idempotency-Key 的请求已经执行过一次，但它的回答没有保存下来。 / The request with this Idempotency-Key was already applied, but its answer was lost.';
    expect(describeProblem(409, { type: `${base}answer-lost`, detail }, zh, 'zh-CN').message).toBe('这个操作已经完成，但结果没有返回。请刷新查看结果，不要重复提交');
    expect(describeProblem(409, { type: `${base}answer-lost`, detail }, en, 'en').message)
      .toBe('The request with this Idempotency-Key was already applied, but its answer was lost.');
    expect(describeProblem(422, { type: `${base}idempotency-key-reused`, detail }, zh, 'zh-CN').message).toBe('这个请求之前以不同内容发送过，请作为新请求重新操作');
  });

  it('gives each reader their half of a bilingual detail of a rule it does not know', () => {
    const detail = '采购单已确认，不能再改。 / The purchase order is confirmed and cannot change.';
    expect(describeProblem(409, { type: `${base}po-already-confirmed`, detail }, zh, 'zh-CN').message).toBe('采购单已确认，不能再改。');
    expect(describeProblem(409, { type: `${base}po-already-confirmed`, detail }, en, 'en').message).toBe('The purchase order is confirmed and cannot change.');
  });

  it('gives each reader their half of a field rule the server writes in both languages', () => {
    const problem = { type: `${base}validation`, errors: { barcode: ['须为有效的 EAN-13 条码（13 位数字，校验位正确） / must be a valid EAN-13 barcode (13 digits with a correct check digit)'] } };
    expect(describeProblem(400, problem, zh, 'zh-CN').fields).toEqual({ barcode: ['须为有效的 EAN-13 条码（13 位数字，校验位正确）'] });
    expect(describeProblem(400, problem, en, 'en').fields).toEqual({ barcode: ['must be a valid EAN-13 barcode (13 digits with a correct check digit)'] });
  });
});
