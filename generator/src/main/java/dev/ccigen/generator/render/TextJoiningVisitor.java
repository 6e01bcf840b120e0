package dev.ccigen.generator.render;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.DefaultMustacheVisitor;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.TemplateContext;

/**
 * Mustache.java's visitor, handed each run of template text once. Its parser writes text a line at a time, and the
 * visitor appends each line to the code before it by concatenating strings: quadratic in the length of a run, and the
 * runtime templates are runs of hundreds of lines (most of the compiling of a cold run's templates). The lines are
 * joined here and written when the run ends, so each code receives exactly the text it received before.
 */
final class TextJoiningVisitor extends DefaultMustacheVisitor {
    private final StringBuilder run = new StringBuilder();
    private TemplateContext runStart;

    TextJoiningVisitor(DefaultMustacheFactory factory) {
        super(factory);
    }

    @Override
    public void write(TemplateContext tc, String text) {
        if (!text.isEmpty()) {
            if (run.length() == 0) {
                runStart = tc;
            }
            run.append(text);
        }
    }

    /** The run of text so far, written as one: before anything else the template holds, and at its end. */
    private void endRun() {
        if (run.length() > 0) {
            super.write(runStart, run.toString());
            run.setLength(0);
        }
    }

    @Override
    public Mustache mustache(TemplateContext tc) {
        endRun();
        return super.mustache(tc);
    }

    @Override
    public void iterable(TemplateContext tc, String variable, Mustache mustache) {
        endRun();
        super.iterable(tc, variable, mustache);
    }

    @Override
    public void notIterable(TemplateContext tc, String variable, Mustache mustache) {
        endRun();
        super.notIterable(tc, variable, mustache);
    }

    @Override
    public void partial(TemplateContext tc, String variable, String indent) {
        endRun();
        super.partial(tc, variable, indent);
    }

    @Override
    public void dynamicPartial(TemplateContext tc, String variable, String indent) {
        endRun();
        super.dynamicPartial(tc, variable, indent);
    }

    @Override
    public void value(TemplateContext tc, String variable, boolean encoded) {
        endRun();
        super.value(tc, variable, encoded);
    }

    @Override
    public void pragma(TemplateContext tc, String pragma, String args) {
        endRun();
        super.pragma(tc, pragma, args);
    }

    @Override
    public void eof(TemplateContext tc) {
        endRun();
        super.eof(tc);
    }

    @Override
    public void extend(TemplateContext tc, String variable, Mustache mustache) {
        endRun();
        super.extend(tc, variable, mustache);
    }

    @Override
    public void name(TemplateContext tc, String variable, Mustache mustache) {
        endRun();
        super.name(tc, variable, mustache);
    }

    @Override
    public void checkName(TemplateContext tc, String variable, Mustache mustache) {
        endRun();
        super.checkName(tc, variable, mustache);
    }

    @Override
    public void comment(TemplateContext tc, String comment) {
        endRun();
        super.comment(tc, comment);
    }
}
