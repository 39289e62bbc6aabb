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
});
