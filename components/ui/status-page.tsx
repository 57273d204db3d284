import Link from 'next/link';
import { buttonStyles } from './button-styles';

/** A whole-page message (not found, no access) with one way onward. */
export function StatusPage({
  code,
  title,
  body,
  link,
}: {
  code?: string;
  title: string;
  body: string;
  link: { href: string; label: string };
}) {
  return (
    <main
      id="main"
      className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center px-6 text-center"
    >
      {code && <p className="text-sm font-semibold text-brand-700">{code}</p>}
      <h1 className="mt-2 text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-700">{body}</p>
      <Link href={link.href} className={`${buttonStyles.primary} mt-6`}>
        {link.label}
      </Link>
    </main>
  );
}
