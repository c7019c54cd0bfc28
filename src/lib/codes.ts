/** Groups a one-time code for reading and printing: ABCDE-FGHJK. */
export const formatCode = (code: string) => `${code.slice(0, 5)}-${code.slice(5)}`;
