/** `1 change`, `2 changes`, `1 table`: a count with its noun in the right number (`many` when irregular). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
