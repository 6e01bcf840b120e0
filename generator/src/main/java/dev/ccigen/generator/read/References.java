package dev.ccigen.generator.read;

/**
 * What a {@code $ref} in a schema stands for. An OpenAPI document's {@link ReferenceResolver} keeps references to
 * definitions as references and reads anything else in place; an input whose schemas cannot refer to anything (a
 * CustomResourceDefinition's) refuses every one.
 */
interface References {

    /**
     * A {@code $ref} read: the definition it names ({@code name}; the rest of the schema object is read as usual), or
     * the schema read in its place ({@code inPlace}, which stands for the whole schema object). Both null: the reference
     * was reported as broken, and the schema is read as if it had none.
     */
    record Reference(String name, Schema inPlace) {
        static final Reference BROKEN = new Reference(null, null);
    }

    /**
     * @param ref     the {@code $ref} as written
     * @param pointer where the schema holding it is, in {@code in}
     * @param reader  reads a schema the reference points at
     */
    Reference resolve(String ref, String pointer, Source in, SchemaReader reader);
}
