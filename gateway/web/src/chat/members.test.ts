import { describe, expect, it } from 'vitest';
import { addableStaff, mentionPeople, sortMembers, type ChannelMember, type StaffEntry } from './members';
import type { ChatMessage } from './model';

const said = (seq: number, authorId: string, authorName: string) =>
  ({ seq, id: `m${seq}`, channelId: 'g-1', authorId, authorName, text: 'hi', mentions: [], postedAt: '2026-12-03T09:00:00Z' }) as unknown as ChatMessage;

const members: ChannelMember[] = [
  { userId: 'owner', name: '张店长' },
  { userId: 'clerk', name: '小李' },
  { userId: 'clerk-east', name: '小王' },
];

describe('@ suggestions from the member list', () => {
  it('offers a member who has never posted, after the people who posted most recently', () => {
    expect(mentionPeople(members, [said(1, 'clerk', '小李')], 'owner')).toEqual(['小李', '小王']);
  });

  it('never offers oneself, the bot, or a past author who has left the channel', () => {
    const messages = [said(1, 'bot', '库存助手'), said(2, 'gone', '老刘'), said(3, 'owner', '张店长')];
    expect(mentionPeople(members, messages, 'owner')).toEqual(['小李', '小王']);
  });

  it('falls back to the authors while the member list is not loaded yet', () => {
    expect(mentionPeople([], [said(1, 'clerk', '小李'), said(2, 'gone', '老刘')], 'owner')).toEqual(['老刘', '小李']);
  });

  it('leaves out a member whose name cannot be mentioned whole', () => {
    expect(mentionPeople([...members, { userId: 'x', name: 'Ann Lee' }], [], 'owner')).toEqual(['小李', '小王']);
  });
});

describe('people to add or to talk to', () => {
  const staff: StaffEntry[] = [
    { id: 'owner', displayName: '张店长', roles: ['owner'], branches: ['main'], disabled: false },
    { id: 'clerk', displayName: '小李', roles: ['clerk'], branches: ['main'], disabled: false },
    { id: 'old', displayName: '老刘', roles: ['clerk'], branches: ['main'], disabled: true },
    { id: 'sup', displayName: '供应商陈', roles: ['supplier'], branches: [], disabled: false },
    { id: 'clerk-east', displayName: '小王', roles: ['clerk'], branches: ['east'], disabled: false },
  ];

  it('are active staff other than oneself and the members already in', () => {
    expect(addableStaff(staff, 'owner').map((s) => s.id)).toEqual(['clerk', 'clerk-east']);
    expect(addableStaff(staff, 'owner', [{ userId: 'clerk', name: '小李' }]).map((s) => s.id)).toEqual(['clerk-east']);
  });

  it('lists oneself first in the member sheet', () => {
    expect(sortMembers(members, 'clerk').map((m) => m.userId)[0]).toBe('clerk');
  });
});
