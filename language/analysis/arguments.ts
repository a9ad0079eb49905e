import type { Block, Call, Expr } from '../generated/ast.js';
import { IssueCodes, type IssueCode } from './issue-codes.js';

export interface ArgumentProblem { code: IssueCode; message: string; node: Call | Call['args'][number] }

export interface ArgumentMatch {
    /** The expression given for each parameter, by name; parameters left out use their default. */
    given: Map<string, Expr>;
    problems: ArgumentProblem[];
}

/** Matches a call's arguments to a block's parameters: positional first, then by name (LANGUAGE.md §7). */
export function matchArguments(call: Call, block: Block): ArgumentMatch {
    const given = new Map<string, Expr>();
    const problems: ArgumentProblem[] = [];
    const params = block.params.map(param => param.name);
    let seenNamed = false;
    let reportedTooMany = false;
    call.args.forEach((arg, index) => {
        if (arg.name === undefined) {
            if (seenNamed) {
                problems.push({ code: IssueCodes.SyntaxError, message: 'a positional argument cannot follow a named one', node: arg });
            } else if (index >= params.length) {
                if (reportedTooMany) return;
                reportedTooMany = true;
                problems.push({ code: IssueCodes.ArgCount, message: `${block.name} takes ${params.length} argument${params.length === 1 ? '' : 's'}, got ${call.args.length}`, node: arg });
            } else {
                given.set(params[index], arg.value);
            }
            return;
        }
        seenNamed = true;
        if (!params.includes(arg.name)) {
            problems.push({ code: IssueCodes.UnknownParam, message: `${block.name} has no parameter '${arg.name}'`, node: arg });
        } else if (given.has(arg.name)) {
            problems.push({ code: IssueCodes.ArgCount, message: `${block.name}: argument '${arg.name}' is given twice`, node: arg });
        } else {
            given.set(arg.name, arg.value);
        }
    });
    for (const param of block.params) {
        if (!given.has(param.name) && param.default === undefined) {
            problems.push({ code: IssueCodes.ArgCount, message: `${block.name}: missing argument '${param.name}'`, node: call });
        }
    }
    return { given, problems };
}
