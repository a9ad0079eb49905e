/**
 * Exact rational numbers (LANGUAGE.md §8.1): a numerator and a positive denominator in lowest
 * terms, both bigint, so `16 × 1.2` is exactly 96/5 and nothing is ever rounded by accident.
 */
export interface Rational {
    readonly num: bigint;
    readonly den: bigint;
}

export function rational(num: bigint, den = 1n): Rational {
    if (den === 0n) throw new RangeError('zero denominator');
    if (den < 0n) {
        num = -num;
        den = -den;
    }
    const divisor = gcd(num < 0n ? -num : num, den);
    return divisor > 1n ? { num: num / divisor, den: den / divisor } : { num, den };
}

/** A literal as written: `42`, `1.2`, `0.25`. */
export function parseLiteral(text: string): Rational {
    const [whole, fraction = ''] = text.split('.');
    return rational(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
}

export const ZERO = rational(0n);

export const add = (a: Rational, b: Rational) => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational) => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational) => rational(a.num * b.num, a.den * b.den);
/** `b` must not be zero. */
export const div = (a: Rational, b: Rational) => rational(a.num * b.den, a.den * b.num);
export const neg = (a: Rational): Rational => ({ num: -a.num, den: a.den });

/** Python's `a % b`: the remainder has the sign of the divisor. `b` must not be zero. */
export function mod(a: Rational, b: Rational): Rational {
    return sub(a, mul(b, fromInteger(floorOf(div(a, b)))));
}

export function compare(a: Rational, b: Rational): number {
    const difference = a.num * b.den - b.num * a.den;
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export const fromInteger = (n: bigint): Rational => ({ num: n, den: 1n });
export const isWhole = (a: Rational) => a.den === 1n;

export function floorOf(a: Rational): bigint {
    const q = a.num / a.den; // truncates toward zero
    return a.num < 0n && q * a.den !== a.num ? q - 1n : q;
}

export function ceilOf(a: Rational): bigint {
    return -floorOf(neg(a));
}

/** Python 3's `round`: halves go to the even neighbour. */
export function roundOf(a: Rational): bigint {
    const below = floorOf(a);
    const rest = sub(a, fromInteger(below));
    const half = compare(rest, rational(1n, 2n));
    if (half < 0) return below;
    if (half > 0) return below + 1n;
    return below % 2n === 0n ? below : below + 1n;
}

export const absOf = (a: Rational): Rational => (a.num < 0n ? neg(a) : a);

/**
 * torchvision's `_make_divisible(v, d, m)`: the multiple of `d` nearest to `v` (halves up), at
 * least `m`, and never more than 10% below `v` (LANGUAGE.md §8.1 states the formula).
 */
export function makeDivisible(v: Rational, d: bigint, m: bigint = d): bigint {
    const nearest = floorOf(div(fromInteger(floorOf(add(v, rational(d, 2n)))), fromInteger(d))) * d;
    const n = nearest > m ? nearest : m;
    return compare(fromInteger(n), mul(rational(9n, 10n), v)) < 0 ? n + d : n;
}

/**
 * How a value is shown (LANGUAGE.md §8.1): an integer when whole, an exact decimal when the
 * denominator has only the factors 2 and 5 (`19.2`, `-2.5`), else a fraction (`10/3`).
 */
export function formatRational(a: Rational): string {
    if (a.den === 1n) return a.num.toString();
    let twos = 0n;
    let fives = 0n;
    let rest = a.den;
    while (rest % 2n === 0n) { rest /= 2n; twos++; }
    while (rest % 5n === 0n) { rest /= 5n; fives++; }
    if (rest !== 1n) return `${a.num}/${a.den}`;
    const digits = twos > fives ? twos : fives;
    const scaled = (a.num * 10n ** digits) / a.den;
    const sign = scaled < 0n ? '-' : '';
    const text = (scaled < 0n ? -scaled : scaled).toString().padStart(Number(digits) + 1, '0');
    const cut = text.length - Number(digits);
    return `${sign}${text.slice(0, cut)}.${text.slice(cut)}`;
}

function gcd(a: bigint, b: bigint): bigint {
    while (b !== 0n) [a, b] = [b, a % b];
    return a === 0n ? 1n : a;
}
