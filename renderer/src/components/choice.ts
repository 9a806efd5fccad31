/**
 * The option a <select> (or any string from the page) names, typed as the contract's enum, or
 * undefined when it names none: forms hand the client typed values instead of casting strings.
 */
export function oneOf<T extends string>(options: readonly T[], value: string): T | undefined {
  return options.find((o) => o === value);
}
