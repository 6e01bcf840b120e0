package dev.ccigen.testserver;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a pod with nothing scripted runs: see {@link ExecCall#shell()}. */
final class MinimalShell {
    private final ExecCall call;
    private boolean exited;

    MinimalShell(ExecCall call) {
        this.call = call;
    }

    int run(List<String> command) throws Exception {
        if (command.isEmpty()) {
            return 0;
        }
        String name = command.get(0);
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (isShell(base)) {
            if (command.size() >= 3 && command.get(1).equals("-c")) {
                return script(command.get(2));
            }
            if (command.size() == 1) {
                return interactive();
            }
        }
        return command(command, call.stdout());
    }

    private static boolean isShell(String name) {
        return name.equals("sh") || name.equals("bash") || name.equals("ash") || name.equals("dash");
    }

    /** Commands from stdin, a line at a time, until {@code exit} or the end of stdin. */
    private int interactive() throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(call.stdin(), StandardCharsets.UTF_8));
        int status = 0;
        for (String line = lines.readLine(); line != null && !exited; line = lines.readLine()) {
            status = script(line);
        }
        return status;
    }

    /** One line of script: commands joined by {@code ;}, {@code &&} and {@code ||}. */
    private int script(String text) throws Exception {
        List<String> words = words(text);
        int status = 0;
        String joiner = ";";
        List<String> command = new ArrayList<>();
        for (int i = 0; i <= words.size() && !exited; i++) {
            String w = i < words.size() ? words.get(i) : ";";
            if (!w.equals(";") && !w.equals("&&") && !w.equals("||")) {
                command.add(w);
                continue;
            }
            boolean runs = joiner.equals(";") || (joiner.equals("&&") == (status == 0));
            if (runs && !command.isEmpty()) {
                status = redirected(command);
            }
            command = new ArrayList<>();
            joiner = w;
        }
        return status;
    }

    private int redirected(List<String> command) throws Exception {
        List<String> words = new ArrayList<>(command);
        PrintStream out = call.stdout();
        if (words.remove(">&2") | words.remove("1>&2")) {
            out = call.stderr();
        }
        return command(words, out);
    }

    private int command(List<String> command, PrintStream out) throws Exception {
        if (command.isEmpty()) {
            return 0;
        }
        String name = command.get(0);
        List<String> args = command.subList(1, command.size());
        switch (name.substring(name.lastIndexOf('/') + 1)) {
            case "echo" -> {
                boolean newline = args.isEmpty() || !args.get(0).equals("-n");
                out.print(String.join(" ", newline ? args : args.subList(1, args.size())) + (newline ? "\n" : ""));
                return 0;
            }
            case "cat" -> {
                if (!args.isEmpty()) {
                    call.stderr().print("cat: " + args.get(0) + ": No such file or directory\n");
                    return 1;
                }
                call.stdin().transferTo(out);
                out.flush();
                return 0;
            }
            case "true" -> {
                return 0;
            }
            case "false" -> {
                return 1;
            }
            case "exit" -> {
                exited = true;
                return args.isEmpty() ? 0 : number(args.get(0), 2);
            }
            case "sleep" -> {
                Thread.sleep((long) (Double.parseDouble(args.isEmpty() ? "0" : args.get(0)) * 1000));
                return 0;
            }
            case "hostname" -> {
                out.print(call.pod() + "\n");
                return 0;
            }
            case "pwd" -> {
                out.print("/\n");
                return 0;
            }
            case "sh", "bash", "ash", "dash" -> {
                return run(command);
            }
            default -> {
                call.stderr().print(name + ": command not found\n");
                return 127;
            }
        }
    }

    private static int number(String text, int otherwise) {
        try {
            return Integer.parseInt(text) & 0xff;
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** A line split into words as a shell splits it: quotes ('...', "..."), backslashes, and ; && || as words. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if ((c == '&' || c == '|') && i + 1 < text.length() && text.charAt(i + 1) == c) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                words.add(c == '&' ? "&&" : "||");
                i++;
            } else if (Character.isWhitespace(c) || c == ';') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                if (c == ';') {
                    words.add(";");
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
