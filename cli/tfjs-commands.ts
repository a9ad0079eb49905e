import { CompileError } from '../compiler/model-spec.js';
import { WeightMismatchError } from '../compiler/weights/import-torch.js';
import { SafetensorsError } from '../compiler/weights/safetensors.js';
import { CommandError } from './compiler-input.js';
import { compileCommand, type CompileOptions } from './compile-command.js';
import { runCommand, type RunOptions } from './run-command.js';

/**
 * The commands that need TensorFlow.js, bundled apart (out/cli/tfjs-commands.cjs) and loaded only
 * when one of them runs, so `cnn analyze` starts as fast as before. Each resolves to an exit code
 * and prints any failure as one line.
 */
export async function runTfjsCommand(command: 'compile' | 'run', file: string, options: CompileOptions | RunOptions): Promise<number> {
    try {
        return command === 'compile' ? await compileCommand(file, options as CompileOptions) : await runCommand(file, options as RunOptions);
    } catch (error) {
        if (error instanceof CommandError) {
            process.stderr.write(error.message + '\n');
            return error.exitCode;
        }
        if (error instanceof WeightMismatchError || error instanceof SafetensorsError || error instanceof CompileError) {
            process.stderr.write(`cnn: ${error.message}\n`);
            return 1;
        }
        throw error;
    }
}
