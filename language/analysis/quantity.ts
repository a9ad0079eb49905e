/** A budget amount (`25.6M`, `4.1G`, `48MiB`) as an exact fraction: numerator / denominator. */
export interface Quantity {
    numerator: bigint;
    denominator: bigint;
    /** Whether a byte unit was written (B, KB, MiB, …). */
    bytes: boolean;
    /** Whether the unit is binary (KiB, MiB, …): memory is then shown in binary units too. */
    binary: boolean;
}

const MULTIPLIERS: Record<string, bigint> = {
    '': 1n, k: 1000n, K: 1000n, M: 1000n ** 2n, G: 1000n ** 3n, T: 1000n ** 4n,
    B: 1n, KB: 1000n, MB: 1000n ** 2n, GB: 1000n ** 3n, TB: 1000n ** 4n,
    KiB: 1024n, MiB: 1024n ** 2n, GiB: 1024n ** 3n, TiB: 1024n ** 4n
};

export function parseQuantity(text: string): Quantity | undefined {
    const match = /^([0-9]+)(?:\.([0-9]+))?([A-Za-z]*)$/.exec(text);
    if (!match || !(match[3] in MULTIPLIERS)) return undefined;
    const [, whole, fraction = '', unit] = match;
    return {
        numerator: BigInt(whole + fraction) * MULTIPLIERS[unit],
        denominator: 10n ** BigInt(fraction.length),
        bytes: unit.endsWith('B'),
        binary: unit.endsWith('iB')
    };
}

/** total > quantity, exactly. */
export function exceeds(total: bigint, quantity: Quantity): boolean {
    return total * quantity.denominator > quantity.numerator;
}

/** How far past the limit, in percent with one decimal: `2.8`. */
export function percentOver(total: bigint, quantity: Quantity): string {
    const permille = ((total * quantity.denominator - quantity.numerator) * 1000n + quantity.numerator / 2n) / quantity.numerator;
    return `${permille / 10n}.${permille % 10n}`;
}
