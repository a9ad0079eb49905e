import type { AstNode } from 'langium';
import { isBinaryExpr, isNameRef, isNumberLit, type Expr } from '../generated/ast.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';
import { nodeRange } from './ranges.js';
import type { Range } from './types.js';

/** Looks up a name used in an expression: a block parameter, or `C`, `H`, `W`. */
export type NameLookup = (name: string) => bigint | undefined;

export type ExpressionErrorSink = (code: IssueCode, message: string, node: AstNode, range: Range) => void;

/**
 * Integer arithmetic, exact at any size (bigint). Returns undefined after reporting an error:
 * `/` must divide exactly, `/ 0` is an error, and an unknown name is reported here as well as by
 * the text checks (the diagnostic sink keeps one of the two).
 */
export function evaluate(expr: Expr | AstNode, lookup: NameLookup, onError: ExpressionErrorSink): bigint | undefined {
    if (isNumberLit(expr)) return BigInt(expr.value);
    if (isNameRef(expr)) {
        const value = lookup(expr.name);
        if (value === undefined) onError(IssueCodes.UnknownParam, unknownNameMessage(expr.name), expr, nodeRange(expr));
        return value;
    }
    if (isBinaryExpr(expr)) {
        const left = evaluate(expr.left, lookup, onError);
        const right = evaluate(expr.right, lookup, onError);
        if (left === undefined || right === undefined) return undefined;
        switch (expr.operator) {
            case '+': return left + right;
            case '-': return left - right;
            case '*': return left * right;
            case '/':
                if (right === 0n) {
                    onError(IssueCodes.DivisionByZero, `${left} / 0: division by zero`, expr, nodeRange(expr));
                    return undefined;
                }
                if (left % right !== 0n) {
                    onError(IssueCodes.NotInteger, `${left} / ${right} is not a whole number`, expr, nodeRange(expr));
                    return undefined;
                }
                return left / right;
        }
    }
    return undefined; // an incomplete expression left by a syntax error: already reported
}

export function unknownNameMessage(name: string): string {
    return `unknown name '${name}': expressions may use the block's parameters and C, H, W`;
}
