import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_SOURCE_BYTES } from './size-guard.js';

/**
 * Reads a `.cnn` file (or anything imported as one) from disk, bounded: only regular files,
 * at most MAX_SOURCE_BYTES, so `import "/dev/zero"`, a FIFO or a 4 GiB file is an error with
 * a reason instead of a process that reads until it is killed. Node.js only (CLI and server).
 */
export function readSourceFile(path: string): string {
    // stat before open: opening a FIFO for reading blocks until a writer appears.
    const before = statSync(path);
    if (before.isDirectory()) throw new SourceReadError('EISDIR', 'is a directory');
    if (!before.isFile()) throw new SourceReadError('ENOTREGULAR', 'not a regular file');
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
        // Checked again on the open file: the path may have been swapped in between.
        const stat = fstatSync(fd);
        if (!stat.isFile()) throw new SourceReadError('ENOTREGULAR', 'not a regular file');
        if (stat.size > MAX_SOURCE_BYTES) throw new SourceReadError('ETOOLARGE', tooLargeReason(stat.size));
        // Never more than the limit plus one byte, even if the file grows while it is read.
        const buffer = Buffer.alloc(stat.size + 1);
        let length = 0;
        while (length < buffer.length) {
            const read = readSync(fd, buffer, length, buffer.length - length, null);
            if (read === 0) break;
            length += read;
        }
        if (length > MAX_SOURCE_BYTES) throw new SourceReadError('ETOOLARGE', tooLargeReason(length));
        return buffer.subarray(0, length).toString('utf8');
    } finally {
        closeSync(fd);
    }
}

/** Why a source file was not read; `code` follows Node.js's error codes where one exists. */
export class SourceReadError extends Error {
    constructor(readonly code: string, reason: string) {
        super(reason);
        this.name = 'SourceReadError';
    }
}

function tooLargeReason(bytes: number): string {
    return `${mebibytes(bytes)} MiB is more than the ${mebibytes(MAX_SOURCE_BYTES)} MiB a .cnn file may have`;
}

const mebibytes = (bytes: number) => String(Math.round((bytes / 2 ** 20) * 10) / 10);

/** A short reason for any failure to read a file: the file system's, or this module's. */
export function readFailureReason(error: unknown): string | undefined {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code !== 'string') return undefined;
    if (error instanceof SourceReadError) return error.message;
    return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
}
