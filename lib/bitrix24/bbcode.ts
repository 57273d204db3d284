/**
 * Text Flowpilot quotes into a Bitrix24 task or event description, where the portal renders
 * BBCode (`[URL=…]`, `[IMG]`, `[USER=…]`). A name or title from the portal is data, not markup: a
 * zero-width space after each `[` keeps it from opening a tag while it still reads the same.
 */
export function bbcodeInert(text: string): string {
  return text.replaceAll('[', '[\u200b');
}
