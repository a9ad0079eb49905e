import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';

/**
 * Langium finds a document's language by its file extension, so `import "/etc/passwd"` threw
 * "no services for the extension ''" out of the CLI. An import is a `.cnn` file whatever its
 * name: with one language registered, every document gets it. Which files the workspace indexes
 * (`hasServices`) still goes by the extension.
 */
export class CnnServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        try {
            return super.getServices(uri);
        } catch (error) {
            const all = this.all;
            if (all.length === 1) return all[0];
            throw error;
        }
    }

    override hasServices(uri: URI): boolean {
        try {
            super.getServices(uri);
            return true;
        } catch {
            return false;
        }
    }
}
