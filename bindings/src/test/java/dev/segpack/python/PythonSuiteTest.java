package dev.segpack.python;

import dev.segpack.testing.Python;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Python package's pytest suite (bindings/python/tests), run by its own surefire execution
 * after {@code package} because the package loads the jars just built. Skipped, with its reason,
 * where no python3 imports numpy, JPype and pytest (.ci/apt-packages installs them); fails with
 * pytest's report when a Python test fails.
 */
class PythonSuiteTest {

    /** Runs pytest in a child interpreter; its report goes to stdout on success, stderr on failure. */
    private static final String RUN_PYTEST = """
            import os, subprocess, sys
            package, java_home = sys.argv[1], sys.argv[2]
            env = dict(os.environ, PYTHONPATH=package, SEGPACK_JAVA_HOME=java_home, PYTHONDONTWRITEBYTECODE='1')
            result = subprocess.run([sys.executable, '-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rs',
                                     os.path.join(package, 'tests')], env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT, text=True)
            (sys.stdout if result.returncode == 0 else sys.stderr).write(result.stdout)
            sys.exit(result.returncode)
            """;

    @Test
    void pytestSuitePasses() throws Exception {
        Python python = Python.require("numpy", "jpype", "pytest");
        Path root = Path.of(System.getProperty("segpack.testdata")).getParent();
        String report = python.run(RUN_PYTEST, root.resolve("bindings/python").toString(), System.getProperty("java.home"));
        String[] lines = report.strip().split("\n");
        System.out.println("python suite: " + lines[lines.length - 1]);
    }
}
