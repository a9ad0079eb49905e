import type { AstNode } from 'langium';
import { isBinaryExpr, isFunctionCall, isLogicalExpr, isNameRef, isNumberLit, isUnaryExpr, type Expr, type FunctionCall } from '../generated/ast.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';
import {
    absOf, add, ceilOf, compare, div, floorOf, formatRational, fromInteger, isWhole, makeDivisible, mod, mul, neg, parseLiteral,
    roundOf, sub, type Rational
} from './rational.js';
import { nodeRange } from './ranges.js';
import type { Range } from './types.js';

/**
 * What an expression evaluates to (LANGUAGE.md §8.1–8.3): an exact rational, an operator (an
 * operator-valued parameter such as `act = hardswish`), or the truth value of a condition.
 */
export type Value =
    | { kind: 'number'; value: Rational }
    | { kind: 'operator'; op: string }
    | { kind: 'truth'; value: boolean };

/** Looks up a name used in an expression: a block parameter, or `C`, `H`, `W`. */
export type NameLookup = (name: string) => Value | undefined;

export type ExpressionErrorSink = (code: IssueCode, message: string, node: AstNode, range: Range) => void;

/** The operators a parameter may hold (LANGUAGE.md §8.3): those whose options are all optional. */
export const OPERATOR_VALUES: ReadonlySet<string> = new Set([
    'relu', 'relu6', 'leakyrelu', 'sigmoid', 'hardsigmoid', 'tanh', 'silu', 'hardswish', 'softmax', 'gelu',
    'bn', 'layernorm', 'layerscale', 'identity', 'flatten', 'globalavgpool', 'globalmaxpool', 'dropout', 'lrn'
]);

/** The functions of §8.1 with the argument counts they take. */
export const FUNCTIONS: Readonly<Record<string, { min: number; max: number; signature: string }>> = {
    min: { min: 2, max: Infinity, signature: 'min(a, b, …)' },
    max: { min: 2, max: Infinity, signature: 'max(a, b, …)' },
    floor: { min: 1, max: 1, signature: 'floor(x)' },
    ceil: { min: 1, max: 1, signature: 'ceil(x)' },
    round: { min: 1, max: 1, signature: 'round(x)' },
    abs: { min: 1, max: 1, signature: 'abs(x)' },
    make_divisible: { min: 2, max: 3, signature: 'make_divisible(v, d, m = d)' }
};

export const number = (value: Rational): Value => ({ kind: 'number', value });

/** Shows a value as the language writes it: `24`, `19.2`, `10/3`, `relu`, `true`. */
export function formatValue(value: Value): string {
    if (value.kind === 'number') return formatRational(value.value);
    if (value.kind === 'operator') return value.op;
    return String(value.value);
}

/**
 * Evaluates an expression exactly. Returns undefined after reporting an error: division by zero,
 * an unknown name or function, a wrong argument count, a value of the wrong kind. Unknown names
 * are reported here as well as by the text checks (the diagnostic sink keeps one of the two).
 */
export function evaluateValue(expr: Expr | AstNode, lookup: NameLookup, onError: ExpressionErrorSink): Value | undefined {
    return new Evaluator(lookup, onError).value(expr);
}

/** A number (not an operator or a truth value), or undefined after an error. */
export function evaluateNumber(expr: Expr | AstNode, lookup: NameLookup, onError: ExpressionErrorSink): Rational | undefined {
    return new Evaluator(lookup, onError).number(expr);
}

/**
 * A whole number where the language needs one (channels, kernel, counts …). `what` names it in
 * the message: `channels 19.2 are not whole`. A v1 division that does not come out whole keeps
 * its v1 message (`3 / 2 is not a whole number`).
 */
export function evaluate(expr: Expr | AstNode, lookup: NameLookup, onError: ExpressionErrorSink, what = 'value'): bigint | undefined {
    const evaluator = new Evaluator(lookup, onError);
    const value = evaluator.number(expr);
    if (value === undefined) return undefined;
    if (isWhole(value)) return value.num;
    onError(IssueCodes.NotInteger, notWholeMessage(expr, value, what, evaluator), expr, nodeRange(expr));
    return undefined;
}

/** A condition of `if` (LANGUAGE.md §8.1): a comparison or a combination of them. */
export function evaluateCondition(expr: Expr | AstNode, lookup: NameLookup, onError: ExpressionErrorSink): boolean | undefined {
    return new Evaluator(lookup, onError).truth(expr);
}

export function unknownNameMessage(name: string): string {
    return `unknown name '${name}': expressions may use the block's parameters and C, H, W`;
}

function notWholeMessage(expr: Expr | AstNode, value: Rational, what: string, evaluator: Evaluator): string {
    if (isBinaryExpr(expr) && expr.operator === '/') {
        const left = evaluator.quiet(expr.left);
        const right = evaluator.quiet(expr.right);
        if (left && right && isWhole(left) && isWhole(right)) return `${left.num} / ${right.num} is not a whole number`;
    }
    const plural = what === 'channels' || what === 'features';
    return `${what} ${formatRational(value)} ${plural ? 'are' : 'is'} not whole`;
}

class Evaluator {
    constructor(private readonly lookup: NameLookup, private readonly onError: ExpressionErrorSink) {}

    /** Evaluates again without reporting (the values were reported, if wrong, the first time). */
    quiet(expr: AstNode): Rational | undefined {
        return new Evaluator(this.lookup, () => undefined).number(expr);
    }

    value(expr: AstNode): Value | undefined {
        if (isNumberLit(expr)) return number(parseLiteral(expr.value));
        if (isNameRef(expr)) return this.name(expr.name, expr);
        if (isFunctionCall(expr)) return this.call(expr);
        if (isUnaryExpr(expr)) {
            if (expr.operator === 'not') {
                const operand = this.truth(expr.operand);
                return operand === undefined ? undefined : { kind: 'truth', value: !operand };
            }
            const operand = this.number(expr.operand);
            return operand && number(neg(operand));
        }
        if (isBinaryExpr(expr) || isLogicalExpr(expr)) return this.binary(expr.operator, expr.left, expr.right, expr);
        return undefined; // an incomplete expression left by a syntax error: already reported
    }

    number(expr: AstNode): Rational | undefined {
        const value = this.value(expr);
        if (value === undefined) return undefined;
        if (value.kind === 'number') return value.value;
        const message = value.kind === 'operator'
            ? (isNameRef(expr) && expr.name !== value.op ? `${expr.name} is ${value.op}, an operator, not a number` : `${value.op} is an operator, not a number`)
            : 'a condition is not a number';
        this.onError(IssueCodes.InvalidValue, message, expr, nodeRange(expr));
        return undefined;
    }

    truth(expr: AstNode): boolean | undefined {
        const value = this.value(expr);
        if (value === undefined) return undefined;
        if (value.kind === 'truth') return value.value;
        this.onError(IssueCodes.InvalidValue, `a condition must be a comparison, got ${formatValue(value)}`, expr, nodeRange(expr));
        return undefined;
    }

    private name(name: string, node: AstNode): Value | undefined {
        const value = this.lookup(name);
        if (value !== undefined) return value;
        if (OPERATOR_VALUES.has(name)) return { kind: 'operator', op: name };
        this.onError(IssueCodes.UnknownParam, unknownNameMessage(name), node, nodeRange(node));
        return undefined;
    }

    private binary(operator: string, leftNode: AstNode, rightNode: AstNode, node: AstNode): Value | undefined {
        if (operator === 'and' || operator === 'or') {
            const left = this.truth(leftNode);
            if (left === undefined) return undefined;
            // Short-circuit: the right side is not evaluated (nor its errors reported).
            if (operator === 'and' ? !left : left) return { kind: 'truth', value: left };
            const right = this.truth(rightNode);
            return right === undefined ? undefined : { kind: 'truth', value: right };
        }
        if (operator === '==' || operator === '!=') {
            const left = this.value(leftNode);
            const right = this.value(rightNode);
            if (left === undefined || right === undefined) return undefined;
            const equal = this.equal(left, right, node);
            return equal === undefined ? undefined : { kind: 'truth', value: operator === '==' ? equal : !equal };
        }
        // `a < b < c` is a syntax error the text checks report; it has no value.
        if (COMPARISONS.has(operator) && isBinaryExpr(leftNode) && COMPARISONS.has((leftNode as { operator: string }).operator)) return undefined;
        const left = this.number(leftNode);
        const right = this.number(rightNode);
        if (left === undefined || right === undefined) return undefined;
        switch (operator) {
            case '+': return number(add(left, right));
            case '-': return number(sub(left, right));
            case '*': return number(mul(left, right));
            case '/':
            case '%':
                if (right.num === 0n) {
                    this.onError(IssueCodes.DivisionByZero, `${formatRational(left)} ${operator} 0: division by zero`, node, nodeRange(node));
                    return undefined;
                }
                return number(operator === '/' ? div(left, right) : mod(left, right));
            case '<': return truth(compare(left, right) < 0);
            case '<=': return truth(compare(left, right) <= 0);
            case '>': return truth(compare(left, right) > 0);
            case '>=': return truth(compare(left, right) >= 0);
        }
        return undefined;
    }

    private equal(left: Value, right: Value, node: AstNode): boolean | undefined {
        if (left.kind === 'number' && right.kind === 'number') return compare(left.value, right.value) === 0;
        if (left.kind === 'operator' && right.kind === 'operator') return left.op === right.op;
        this.onError(IssueCodes.InvalidValue, `cannot compare ${formatValue(left)} with ${formatValue(right)}: compare two numbers or two operators`, node, nodeRange(node));
        return undefined;
    }

    private call(call: FunctionCall): Value | undefined {
        const spec = FUNCTIONS[call.name];
        if (!Object.hasOwn(FUNCTIONS, call.name) || !spec) {
            this.onError(IssueCodes.UnknownParam, `unknown function '${call.name}'`, call, nodeRange(call));
            return undefined;
        }
        const count = call.args.length;
        if (count < spec.min || count > spec.max) {
            const wanted = spec.max === Infinity ? `at least ${spec.min} arguments` : spec.min === spec.max
                ? `${spec.min} argument${spec.min === 1 ? '' : 's'}` : `${spec.min} or ${spec.max} arguments`;
            this.onError(IssueCodes.ArgCount, `${call.name} takes ${wanted}, got ${count}`, call, nodeRange(call));
            return undefined;
        }
        const args: Rational[] = [];
        for (const arg of call.args) {
            const value = this.number(arg);
            if (value === undefined) return undefined;
            args.push(value);
        }
        const [x] = args;
        switch (call.name) {
            case 'min': return number(args.reduce((a, b) => (compare(b, a) < 0 ? b : a)));
            case 'max': return number(args.reduce((a, b) => (compare(b, a) > 0 ? b : a)));
            case 'floor': return number(fromInteger(floorOf(x)));
            case 'ceil': return number(fromInteger(ceilOf(x)));
            case 'round': return number(fromInteger(roundOf(x)));
            case 'abs': return number(absOf(x));
            default: return this.makeDivisible(call, args);
        }
    }

    private makeDivisible(call: FunctionCall, args: Rational[]): Value | undefined {
        const [v, d, m = d] = args;
        for (const [value, index, what] of [[d, 1, 'divisor'], [m, 2, 'minimum']] as const) {
            if (!isWhole(value) || value.num < 1n) {
                const node = call.args[index] ?? call;
                this.onError(IssueCodes.InvalidValue, `make_divisible: the ${what} must be a positive whole number, got ${formatRational(value)}`, node, nodeRange(node));
                return undefined;
            }
        }
        return number(fromInteger(makeDivisible(v, d.num, m.num)));
    }
}

const truth = (value: boolean): Value => ({ kind: 'truth', value });

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);
