import { UriUtils } from 'langium';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';

/**
 * Langium keys documents by a normalised URI (`URI.parse(uri).toString()`), which re-encodes a
 * client's `file:///a+b.cnn` as `file:///a%2Bb.cnn`; clients that compare URIs as strings then
 * never see the diagnostics. This remembers the exact string each client sent in `didOpen` and
 * publishes under it. Returns the mapping for the server's own notifications.
 */
export function keepClientUris(connection: Connection): (uri: string) => string {
    const sent = new Map<string, string>();
    const onOpen = connection.onDidOpenTextDocument.bind(connection);
    connection.onDidOpenTextDocument = handler => onOpen(params => {
        sent.set(UriUtils.normalize(params.textDocument.uri), params.textDocument.uri);
        return handler(params);
    });
    const onClose = connection.onDidCloseTextDocument.bind(connection);
    connection.onDidCloseTextDocument = handler => onClose(params => {
        const result = handler(params);
        sent.delete(UriUtils.normalize(params.textDocument.uri));
        return result;
    });
    const clientUri = (uri: string) => sent.get(uri) ?? sent.get(UriUtils.normalize(uri)) ?? uri;
    const sendDiagnostics = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = (params: PublishDiagnosticsParams) => sendDiagnostics({ ...params, uri: clientUri(params.uri) });
    return clientUri;
}
