/** keepalived's check_true_false: on/true/yes and off/false/no, exactly (case matters). */
export function parseTrueFalse(word: string): boolean | undefined {
  if (word === 'true' || word === 'on' || word === 'yes') return true;
  if (word === 'false' || word === 'off' || word === 'no') return false;
  return undefined;
}
