import * as vscode from 'vscode';

/**
 * The name of the network whose text holds the position, from the server's document symbols
 * (networks are its Class symbols); undefined when the position is outside every network.
 */
export async function networkAt(document: vscode.TextDocument, position: vscode.Position): Promise<string | undefined> {
    const symbols = await vscode.commands.executeCommand<Array<vscode.DocumentSymbol | vscode.SymbolInformation> | undefined>(
        'vscode.executeDocumentSymbolProvider', document.uri);
    for (const symbol of symbols ?? []) {
        if (symbol.kind !== vscode.SymbolKind.Class) continue;
        const range = 'range' in symbol ? symbol.range : symbol.location.range;
        if (range.contains(position)) return symbol.name;
    }
    return undefined;
}
