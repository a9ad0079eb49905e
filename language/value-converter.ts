import { DefaultValueConverter, type CstNode, type GrammarAST, type ValueType } from 'langium';

/**
 * Keeps `INT` tokens as their text, as the generated AST types say (`string`). Langium's default
 * turns a rule named INT into a JavaScript number, which rounds `99999999999999999999999` and
 * breaks every `.includes`/`.split` on the value (`flatten -> 192`: hover failed with
 * "declared.includes is not a function"). The analysis parses the text exactly (bigint).
 */
export class CnnValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        if (rule.name === 'INT') return input;
        return super.runConverter(rule, input, cstNode);
    }
}
