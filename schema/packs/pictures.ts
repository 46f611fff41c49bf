/**
 * Pictures for the easy-read pack (issue 14 item 4): easy-read guidance (Mencap; Inclusion
 * Europe's "Information for all") puts a picture beside each key sentence, on the left. They
 * come from Tabler Icons (MIT licence), copied into `pictures.generated.ts` by
 * scripts/generate-easy-read-pictures.ts, and are inlined as SVG so a pack stays one file.
 * Each picture only repeats the sentence beside it, so it is hidden from screen readers
 * (`aria-hidden`), which would otherwise read it twice.
 */
import { PICTURE_DRAWINGS, PICTURE_SOURCE } from './pictures.generated';

export type PictureName = keyof typeof PICTURE_DRAWINGS;

/** The picture as inline SVG, decorative: sized by the page's CSS (`.picture`). */
export function pictureSvg(name: PictureName): string {
  return `<svg class="picture" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="56" height="56" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round">${PICTURE_DRAWINGS[name]}</svg>`;
}

/** The credit the MIT licence asks for, one sentence at the end of the easy-read pack. */
export const PICTURE_CREDIT = `The pictures are from ${PICTURE_SOURCE.name}, copyright ${PICTURE_SOURCE.copyright}, ${PICTURE_SOURCE.licence} licence.`;
