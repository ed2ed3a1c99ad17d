/**
 * The {@code ak} command line: one picocli root command, each subcommand a {@code
 * Callable<Integer>}, shared options as mixins. Exit codes: 0 success, 1 failure, 2 usage error.
 */
package org.afterkernel.cli;
