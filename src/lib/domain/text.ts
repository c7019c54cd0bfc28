/**
 * Control characters (NUL, ESC, …; not tab or line breaks) are never part of what a
 * person means to type, in a form or a spreadsheet cell: they are dropped, so a text of
 * only such characters is empty.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export const withoutControls = (v: string) => v.replace(CONTROL, '');
