/**
 * The Node.js flags the language server runs with, wherever it is started: by the VS Code
 * extension (client/server-client.ts) and by `cnn lsp` (cli/launcher.ts starts a Node.js with them).
 *
 * A larger young generation: the server keeps each document's tree (some megabytes for a
 * written-out ResNet-152) until the next edit replaces it, so with Node's default semi-space the
 * tree of almost every edit outlived two scavenges and was copied into the old generation, which
 * then had to be marked and compacted again and again. With 64 MiB the tree of one edit is
 * usually garbage before it is promoted. didChange → diagnostics on a written-out ResNet-152, the
 * server alone given the flag, alternating runs: 6.2–10.5 ms against 8.8–13.4 ms without
 * (docs/decisions.md). The space is taken only as the server allocates.
 *
 * `--expose-gc`: the server collects that young generation between builds (idle-collection.ts).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--expose-gc'];
