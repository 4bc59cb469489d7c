package dev.segpack.cli;

import com.fasterxml.jackson.core.JacksonException;
import dev.segpack.io.Json;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one line a failed command prints after {@code "segpack CMD: error: "}. segpack's own exceptions
 * already name the file and the item; what the JDK and libraries throw is put in words here, and a
 * message that names none of the paths given on the command line is prefixed with the command's input,
 * so that every failure says which file it is about.
 */
public final class FailureMessage {

    /** The options that name what a command reads, in the order a failure is blamed on them. */
    private static final List<String> INPUT_OPTIONS = List.of("--ann", "--json", "--masks", "--gt", "--in", "--input");

    private FailureMessage() {
    }

    public static String of(Throwable failure, CommandLine cmd) {
        Throwable e = cause(failure);
        String input = input(cmd);
        String message;
        if (e instanceof OutOfMemoryError) {
            message = "out of memory (" + e.getMessage() + "; this JVM may use " + Runtime.getRuntime().maxMemory() / (1 << 20)
                    + " MB of heap, SEGPACK_JVM_OPTS=-Xmx... sets it)";
            return input != null ? input + ": " + message : message;
        }
        if (e instanceof FileSystemException f) {
            message = fileProblem(f);
        } else if (e instanceof JacksonException j) {
            message = "not valid JSON" + Json.lineAndColumn(j) + ": " + Json.problem(j);
        } else if (isBug(e)) {
            message = "internal error (" + e + "); run with -v for the stack trace";
        } else {
            message = e.getMessage();
        }
        message = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return input != null && !namesAPathOf(message, cmd) ? input + ": " + message : message;
    }

    /** What no input should cause: its message is for a developer, not for the user. */
    private static boolean isBug(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() || e instanceof Error
                || e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException;
    }

    /** The exception that says what went wrong, without the wrappers that only carried it across threads. */
    private static Throwable cause(Throwable e) {
        while ((e instanceof UncheckedIOException || e instanceof ExecutionException || e instanceof CompletionException)
                && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String fileProblem(FileSystemException f) {
        String reason = f.getReason();
        if (reason == null) {
            reason = switch (f) {
                case NoSuchFileException x -> "no such file";
                case AccessDeniedException x -> "permission denied";
                case NotDirectoryException x -> "not a folder";
                case FileAlreadyExistsException x -> "already exists";
                case DirectoryNotEmptyException x -> "folder not empty";
                case FileSystemLoopException x -> "a loop of symbolic links";
                default -> f.getClass().getSimpleName();
            };
            if (f instanceof NoSuchFileException || f instanceof AccessDeniedException) {
                return "cannot read " + f.getFile() + ": " + reason;
            }
        }
        return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + reason;
    }

    /** The input option the user gave, as given; null for a command that reads none. */
    private static String input(CommandLine cmd) {
        CommandLine.ParseResult parsed = cmd.getParseResult();
        if (parsed == null) {
            return null;
        }
        for (String name : INPUT_OPTIONS) {
            if (parsed.hasMatchedOption(name)) {
                return String.valueOf((Object) parsed.matchedOptionValue(name, null));
            }
        }
        return null;
    }

    /** Whether {@code message} names a path option's value, or the file or folder name it ends in. */
    private static boolean namesAPathOf(String message, CommandLine cmd) {
        for (OptionSpec option : cmd.getParseResult().matchedOptions()) {
            if (option.getValue() instanceof Path path && (message.contains(path.toString())
                    || path.getFileName() != null && message.contains(path.getFileName().toString()))) {
                return true;
            }
        }
        return false;
    }
}
