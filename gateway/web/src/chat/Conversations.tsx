import { useState } from 'preact/hooks';
import { useApp } from '../context';
import { t } from '../i18n';
import { navigate, paths } from '../router';
import { Dialog, ErrorMessage, Field, Loading, useLoad } from '../ui/components';
import { useSubmit } from '../ui/useSubmit';
import { addMembers, loadMembers, loadStaff, openDirect, openGroup, removeMember } from './conversations';
import { addableStaff, sortMembers, type ChannelInfo, type StaffEntry } from './members';

/** 发起会话: a direct conversation with one person (an existing one is reopened), or a group with a name and people. */
export function NewConversation({ onClose, onOpened }: { onClose: () => void; onOpened: () => Promise<void> }) {
  const { session } = useApp();
  const staff = useLoad((signal) => loadStaff(signal), []);
  const [kind, setKind] = useState<'direct' | 'group'>('direct');
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const people = addableStaff(staff.data ?? [], session.user.id);
  const s = useSubmit((key) => (kind === 'direct' ? openDirect(chosen[0] ?? '') : openGroup(name, chosen, key)), async (channel) => {
    await onOpened();
    onClose();
    navigate(paths.chat(channel.id));
  });
  const pick = (id: string) => setChosen((list) => (kind === 'direct' ? [id] : list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  return (
    <Dialog title={t('chat.new.title')} onClose={onClose}>
      <form class="form conversation-form" onSubmit={s.submit} noValidate>
        <fieldset class="field segmented">
          <legend class="visually-hidden">{t('chat.new.kind')}</legend>
          {(['direct', 'group'] as const).map((k) => (
            <label key={k} class={`chip${kind === k ? ' chip-on' : ''}`}>
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => { setKind(k); setChosen([]); }} />
              {t(k === 'direct' ? 'chat.new.direct' : 'chat.new.group')}
            </label>
          ))}
        </fieldset>
        {kind === 'group' && (
          <Field label={t('chat.new.name')} name="name" idPrefix="new-group" value={name} required maxLength={40} error={s.fields.name}
            onInput={(e) => setName(e.currentTarget.value)} />
        )}
        <PeoplePicker people={people} chosen={chosen} single={kind === 'direct'} onPick={pick} loading={staff.loading} />
        {s.fields.members && <small class="field-error">{s.fields.members.join('；')}</small>}
        <ErrorMessage error={staff.error} onRetry={staff.reload} />
        <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
        <button type="submit" class="btn btn-primary" disabled={s.busy || chosen.length === 0}>
          {t(kind === 'direct' ? 'chat.new.startDirect' : 'chat.new.createGroup')}
        </button>
      </form>
    </Dialog>
  );
}

function PeoplePicker({ people, chosen, single, onPick, loading }: {
  people: StaffEntry[]; chosen: string[]; single: boolean; onPick: (id: string) => void; loading: boolean;
}) {
  if (loading && people.length === 0) return <Loading />;
  if (people.length === 0) return <p class="muted small">{t('chat.new.nobody')}</p>;
  return (
    <fieldset class="field people-picker">
      <legend>{t('chat.new.people')}</legend>
      <ul class="people">
        {people.map((p) => (
          <li key={p.id}>
            <label class="person">
              <input type={single ? 'radio' : 'checkbox'} name="people" value={p.id} checked={chosen.includes(p.id)} onChange={() => onPick(p.id)} />
              <span>{p.displayName}</span>
              <span class="muted small">{p.branches.join('、')}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

/**
 * 成员: who is in the channel. In a group people opened themselves, any member adds people and removes them (or leaves);
 * branch, supplier and direct channels follow the directory, so their list is read-only.
 */
export function MemberSheet({ channelId, onClose, onChanged }: {
  channelId: string; onClose: () => void; onChanged: (info: ChannelInfo) => void;
}) {
  const { session } = useApp();
  const info = useLoad((signal) => loadMembers(channelId, signal), [channelId]);
  const [adding, setAdding] = useState(false);
  const [removeError, setRemoveError] = useState<unknown>();
  const adHoc = info.data?.kind === 'group' && info.data.id.startsWith('g-');

  function changed(next: ChannelInfo) {
    info.setData(next);
    onChanged(next);
  }

  async function remove(userId: string) {
    setRemoveError(undefined);
    try {
      await removeMember(channelId, userId);
      if (userId === session.user.id) { onClose(); navigate(paths.chat()); return; }
      changed({ ...info.data!, members: info.data!.members.filter((m) => m.userId !== userId) });
    } catch (e) {
      setRemoveError(e);
    }
  }

  const members = info.data ? sortMembers(info.data.members, session.user.id) : [];
  return (
    <Dialog title={t('chat.members.title', { count: members.length })} onClose={onClose}>
      {info.loading && !info.data && <Loading />}
      <ErrorMessage error={info.error} onRetry={info.reload} />
      <ul class="member-list" aria-label={t('chat.members.list')}>
        {members.map((m) => (
          <li key={m.userId} class="member">
            <span class="member-name">{m.name}{m.userId === session.user.id ? ` (${t('chat.members.me')})` : ''}</span>
            {adHoc && (
              <button type="button" class="btn btn-ghost btn-small" onClick={() => void remove(m.userId)}
                aria-label={m.userId === session.user.id ? t('chat.members.leave') : t('chat.members.remove', { name: m.name })}>
                {m.userId === session.user.id ? t('chat.members.leave') : t('chat.members.removeShort')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorMessage error={removeError} />
      {adHoc && (adding
        ? <AddMembers channelId={channelId} members={info.data!} onAdded={(next) => { changed(next); setAdding(false); }} />
        : <button type="button" class="btn btn-secondary" onClick={() => setAdding(true)}>{t('chat.members.add')}</button>)}
      {!adHoc && info.data && <p class="muted small">{t('chat.members.followsDirectory')}</p>}
    </Dialog>
  );
}

function AddMembers({ channelId, members, onAdded }: { channelId: string; members: ChannelInfo; onAdded: (info: ChannelInfo) => void }) {
  const { session } = useApp();
  const staff = useLoad((signal) => loadStaff(signal), []);
  const [chosen, setChosen] = useState<string[]>([]);
  const people = addableStaff(staff.data ?? [], session.user.id, members.members);
  const s = useSubmit((key) => addMembers(channelId, chosen, key), onAdded);
  return (
    <form class="form" onSubmit={s.submit} noValidate>
      <PeoplePicker people={people} chosen={chosen} single={false} loading={staff.loading}
        onPick={(id) => setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]))} />
      {s.fields.members && <small class="field-error">{s.fields.members.join('；')}</small>}
      <ErrorMessage error={staff.error} onRetry={staff.reload} />
      <ErrorMessage error={Object.keys(s.fields).length ? undefined : s.error} />
      <button type="submit" class="btn btn-primary" disabled={s.busy || chosen.length === 0}>{t('chat.members.addChosen')}</button>
    </form>
  );
}
