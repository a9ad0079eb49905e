import { URI, type LangiumSharedCoreServices } from 'langium';
import { sourceOf, type CnnSource } from '../language/analysis/sources.js';
import { readFailureReason, readSourceFile } from '../language/read-source-file.js';

interface OutsideFile {
    /** The text read (undefined: the file is missing), or why it could not be read. */
    read: { text: string } | { unreadable: string } | undefined;
    source: CnnSource | undefined;
    /** Read before the latest workspace update: read again before use. */
    stale: boolean;
}

/**
 * Imported files outside the workspace (never added to it, never watched): parsed once, and read
 * again after each workspace update, as one of them may have changed on disk. A file whose text
 * did not change keeps its parsed source, so analyses that imported it stay valid.
 */
export class OutsideFiles {
    private readonly files = new Map<string, OutsideFile>();

    constructor(private readonly shared: LangiumSharedCoreServices) {}

    lookup(uri: string): CnnSource | undefined {
        const known = this.files.get(uri);
        if (known && !known.stale) return known.source;
        const read = this.read(uri);
        if (known && sameRead(known.read, read)) {
            known.stale = false;
            return known.source;
        }
        const source = read === undefined ? undefined : this.parse(uri, read);
        this.files.set(uri, { read, source, stale: false });
        return source;
    }

    markStale(): void {
        for (const file of this.files.values()) file.stale = true;
    }

    clear(): void {
        this.files.clear();
    }

    /** Bounded like the CLI's loader: regular files up to the size limit, never devices. */
    private read(uri: string): OutsideFile['read'] {
        const parsed = URI.parse(uri);
        try {
            if (parsed.scheme !== 'file') return { text: this.shared.workspace.FileSystemProvider.readFileSync(parsed) };
            return { text: readSourceFile(parsed.fsPath) };
        } catch (error) {
            const reason = readFailureReason(error);
            if (reason === undefined || (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
            return { unreadable: reason };
        }
    }

    private parse(uri: string, read: NonNullable<OutsideFile['read']>): CnnSource {
        const parse = (text: string) => sourceOf(this.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(uri)));
        return 'text' in read ? parse(read.text) : { ...parse(''), unreadable: read.unreadable };
    }
}

function sameRead(a: OutsideFile['read'], b: OutsideFile['read']): boolean {
    if (a === undefined || b === undefined) return a === b;
    if ('text' in a) return 'text' in b && a.text === b.text;
    return 'unreadable' in b && a.unreadable === b.unreadable;
}
