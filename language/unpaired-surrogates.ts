/** Half of an astral character (a high surrogate without its low one, or a low one alone). */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every unpaired surrogate replaced by U+FFFD, as UTF-8 would write it. */
export function withoutUnpairedSurrogates(text: string): string {
    return text.replace(UNPAIRED_SURROGATE, '\ufffd');
}

/** Whether the text is well-formed UTF-16: holds no unpaired surrogate. */
export function isWellFormed(text: string): boolean {
    return withoutUnpairedSurrogates(text) === text;
}
