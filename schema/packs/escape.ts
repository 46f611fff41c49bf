/**
 * Every value in a pack comes from a sheet cell that anyone with edit access can type into, so
 * it is untrusted text: escaped wherever it lands in HTML, and only http(s) links become links.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** The link if it is an absolute http(s) URL with no spaces or quotes; otherwise null. */
export function safeHref(link: string): string | null {
  return /^https?:\/\/[^\s"'<>`]+$/i.test(link) ? link : null;
}

/**
 * Cell text tidied for a document: control characters (which HTML forbids and email clients
 * mangle) become spaces, and runs of white space, line breaks included, become one space.
 */
export function tidyText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
}
