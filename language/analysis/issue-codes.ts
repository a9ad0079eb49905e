/** Every diagnostic code of the language (LANGUAGE.md §6 and §7). Quick fixes switch on these. */
export const IssueCodes = {
    ResidualMismatch: 'residual-mismatch',
    ConcatMismatch: 'concat-mismatch',
    AnnotationMismatch: 'annotation-mismatch',
    InMismatch: 'in-mismatch',
    Collapsed: 'collapsed',
    Inexact: 'inexact',
    Groups: 'groups',
    NotSpatial: 'not-spatial',
    UnknownBlock: 'unknown-block',
    ArgCount: 'arg-count',
    UnknownParam: 'unknown-param',
    RecursiveBlock: 'recursive-block',
    NotInteger: 'not-integer',
    DivisionByZero: 'division-by-zero',
    BudgetExceeded: 'budget-exceeded',
    TooLarge: 'too-large',
    SyntaxError: 'syntax-error',
    InvalidValue: 'invalid-value',
    ScaleMismatch: 'scale-mismatch',
    DuplicateName: 'duplicate-name',
    UnresolvedImport: 'unresolved-import',
    ImportError: 'import-error',
    // Not in the contract: a bug of the implementation, reported instead of ending the server (docs/decisions.md).
    InternalError: 'internal-error'
} as const;

export type IssueCode = typeof IssueCodes[keyof typeof IssueCodes];
