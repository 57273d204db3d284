'use client';

import { signOutEverywhereAction } from '@/lib/actions/sign-out-everywhere';

const itemClass =
  'flex w-full select-none items-center rounded px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100 focus-visible:bg-slate-100';

// next-auth's client is fetched on the click: every page would otherwise load it for two buttons.
async function signOutHere() {
  const { signOut } = await import('next-auth/react');
  await signOut({ callbackUrl: '/sign-in' });
}

/** The account menu's actions: sign out here, or end every session first and then sign out here. */
export function SignOutButtons({ signOut, signOutEverywhere }: { signOut: string; signOutEverywhere: string }) {
  return (
    <>
      <button type="button" className={itemClass} onClick={() => void signOutHere()}>
        {signOut}
      </button>
      <button
        type="button"
        className={itemClass}
        onClick={async () => {
          await signOutEverywhereAction({});
          await signOutHere();
        }}
      >
        {signOutEverywhere}
      </button>
    </>
  );
}
