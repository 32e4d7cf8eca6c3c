/**
 * `-u/--umask`: a number in C's base-0 notation (`022` octal, `0x12` hex, `18` decimal) that
 * must fit in the permission bits. Returns undefined when invalid.
 */
export function parseUmask(text: string): number | undefined {
  let value: number;
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) value = parseInt(text, 8);
  else if (/^[1-9][0-9]*$/.test(text)) value = parseInt(text, 10);
  else return undefined;
  return value <= 0o777 ? value : undefined;
}
