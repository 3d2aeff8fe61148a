/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tool.h - `damonsim trace` subcommands.
 */
#ifndef DAMONSIM_TRACES_TOOL_H
#define DAMONSIM_TRACES_TOOL_H

#include "traces/reader.h"
#include "traces/source.h"
#include "traces/stats.h"
#include "traces/writer.h"

/**
 * trace_tool_main() - entry point of `damonsim trace SUBCOMMAND ...`.
 * @argc: argument count; argv[0] is "trace".
 * @argv: arguments.
 *
 * Return: process exit status.
 */
int trace_tool_main(int argc, char **argv);

/**
 * trace_tool_gen() - `damonsim trace gen`: write a generated (built-in or masim) workload.
 * @argc: argument count; argv[0] is "gen".
 * @argv: arguments.
 *
 * Return: process exit status (0 success, 1 failure, 2 usage error).
 */
int trace_tool_gen(int argc, char **argv);

/**
 * trace_tool_record() - `damonsim trace record`: run a program under valgrind lackey and write its trace.
 * @argc: argument count; argv[0] is "record".
 * @argv: arguments.
 *
 * Return: process exit status (0 success, 1 failure, 2 usage error).
 */
int trace_tool_record(int argc, char **argv);

/**
 * trace_tool_import() - `damonsim trace import`: convert a lackey or text trace to .dst.
 * @argc: argument count; argv[0] is "import".
 * @argv: arguments.
 *
 * Return: process exit status (0 success, 1 failure, 2 usage error).
 */
int trace_tool_import(int argc, char **argv);

/**
 * trace_tool_info() - `damonsim trace info`: print header and statistics of a trace.
 * @argc: argument count; argv[0] is "info".
 * @argv: arguments.
 *
 * Return: process exit status (0 success, 1 failure, 2 usage error).
 */
int trace_tool_info(int argc, char **argv);

/**
 * trace_tool_cat() - `damonsim trace cat`: print a trace in the text format.
 * @argc: argument count; argv[0] is "cat".
 * @argv: arguments.
 *
 * Return: process exit status (0 success, 1 failure, 2 usage error).
 */
int trace_tool_cat(int argc, char **argv);

/**
 * trace_tool_validate() - `damonsim trace validate`: decode traces end to end and report the first problem.
 * @argc: argument count; argv[0] is "validate".
 * @argv: arguments.
 *
 * Return: process exit status (0 success, 1 failure, 2 usage error).
 */
int trace_tool_validate(int argc, char **argv);

/**
 * trace_tool_concat() - `damonsim trace concat`: join traces end to end.
 * @argc: argument count; argv[0] is "concat".
 * @argv: arguments.
 *
 * Return: process exit status (0 success, 1 failure, 2 usage error).
 */
int trace_tool_concat(int argc, char **argv);

/**
 * trace_tool_copy() - drain a source into a new .dst file, with progress
 * on stderr when it is a terminal.
 * @src: source (not freed).
 * @path: output file; written under a temporary name and renamed at the
 *	end, so it exists only if every event was written.
 * @opts: writer tuning, or NULL.
 * @err: error location.
 *
 * Return: number of events written, or a negative errno with @err set.
 */
int64_t trace_tool_copy(struct trace_source *src, const char *path,
			const struct trace_writer_opts *opts, GError **err);

/**
 * trace_tool_save() - write a source to a .dst file and report, the end
 * of every subcommand that makes a trace.
 * @cmd: subcommand name, for messages.
 * @src: source, freed here; NULL when opening it failed (@err set).
 * @path: output file (see trace_tool_copy()).
 * @opts: writer tuning, or NULL.
 * @err: an error from before, or NULL; freed here.
 *
 * Prints "PATH: N events" or "damonsim trace CMD: MESSAGE" on stderr.
 *
 * Return: process exit status, 0 or 1.
 */
int trace_tool_save(const char *cmd, struct trace_source *src,
		    const char *path, const struct trace_writer_opts *opts,
		    GError *err);

/**
 * trace_tool_progress_print() - print "LABEL: N events" on stderr,
 * overwriting the line, when stderr is a terminal.
 * @label: what is going on.
 * @n: events so far; UINT64_MAX ends the line.
 */
void trace_tool_progress_print(const char *label, uint64_t n);

/**
 * trace_tool_progress() - trace_tool_progress_print() every 2^22 events.
 * @label: what is going on.
 * @n: events so far; UINT64_MAX ends the line.
 */
static inline void trace_tool_progress(const char *label, uint64_t n)
{
	if (G_UNLIKELY(!(n & ((1u << 22) - 1)) || n == UINT64_MAX))
		trace_tool_progress_print(label, n);
}

/**
 * trace_tool_parse() - run a GOptionContext over a subcommand's arguments.
 * @ctx: context (freed).
 * @argc: argument count, updated.
 * @argv: arguments, updated.
 *
 * Return: 0, or 2 after printing the error on stderr.
 */
int trace_tool_parse(GOptionContext *ctx, int *argc, char ***argv);

/**
 * trace_tool_scan() - read a whole trace, optionally gathering statistics.
 * @path: trace file.
 * @st: statistics to fill (initialised here), or NULL.
 * @out_hdr: if not NULL, receives a copy of the header.
 * @out_sum: if not NULL, receives the index summary.
 * @err: error location.
 *
 * Return: events read, or a negative errno with @err set.
 */
int64_t trace_tool_scan(const char *path, struct trace_stats *st,
			struct trace_header *out_hdr,
			struct trace_summary *out_sum, GError **err);

#endif /* DAMONSIM_TRACES_TOOL_H */
