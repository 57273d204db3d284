import Link from 'next/link';

/** The product mark: a rising flow line in a rounded square, with the name. */
export function Logo({ href = '/' }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 rounded-md font-semibold text-slate-900">
      <svg aria-hidden viewBox="0 0 32 32" className="size-7">
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M7 21c4 0 5-8 9-8s5 5 9 5" fill="none" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      <span>Flowpilot</span>
    </Link>
  );
}
