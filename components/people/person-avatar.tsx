import type { Person } from '@/lib/people/people-of';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter((part) => /^\p{L}/u.test(part))
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('') || '#';

/** A person's portal photo, or their initials; decorative, since the name always stands beside it. */
export function PersonAvatar({ person, size = 28 }: { person: Person; size?: number }) {
  const style = { width: size, height: size };
  if (person.photoUrl) {
    // A portal's photo host is the customer's own domain, unknown at build time, so next/image cannot list it.
    return (
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={person.photoUrl}
        alt=""
        style={style}
        className="shrink-0 rounded-full object-cover"
        loading="lazy"
        referrerPolicy="no-referrer"
      />
    );
  }
  return (
    <span
      aria-hidden="true"
      style={style}
      className="inline-flex shrink-0 items-center justify-center rounded-full bg-slate-200 text-[10px] font-semibold text-slate-700"
    >
      {initials(person.name)}
    </span>
  );
}

/** Avatar and name on one line. */
export function PersonName({ person }: { person: Person }) {
  return (
    <span className="inline-flex min-w-0 items-center gap-2">
      <PersonAvatar person={person} />
      <span className="truncate">{person.name}</span>
    </span>
  );
}
