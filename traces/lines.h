/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lines.h - bounded line reader over a file descriptor or memory, for the
 * text importers (a hostile input cannot make it allocate without limit).
 */
#ifndef DAMONSIM_TRACES_LINES_H
#define DAMONSIM_TRACES_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#define TRACE_LINE_MAX	4096

/**
 * struct trace_lines - line reader state.
 * @name: input name for messages.
 * @fd: descriptor, or -1 when reading @mem.
 * @mem: memory input.
 * @mem_len: its length.
 * @buf: read buffer.
 * @len: bytes in @buf.
 * @pos: parse position in @buf.
 * @eof: no more input.
 * @lineno: number of the line last returned (1-based).
 * @offset: byte offset of the line last returned.
 */
struct trace_lines {
	char *name;
	int fd;
	const char *mem;
	size_t mem_len;
	char *buf;
	size_t len;
	size_t pos;
	bool eof;
	uint64_t lineno;
	uint64_t offset;
	uint64_t consumed;
};

/**
 * trace_lines_init_fd() - read lines from a descriptor (owned).
 * @l: reader.
 * @fd: descriptor; closed by trace_lines_clear().
 * @name: input name.
 */
void trace_lines_init_fd(struct trace_lines *l, int fd, const char *name);

/**
 * trace_lines_init_mem() - read lines from memory.
 * @l: reader.
 * @data: bytes (not copied).
 * @len: their number.
 * @name: input name.
 */
void trace_lines_init_mem(struct trace_lines *l, const char *data, size_t len,
			  const char *name);

/**
 * trace_lines_next() - the next line, without its newline (and CR).
 * @l: reader.
 * @line: set to the NUL-terminated line, valid until the next call.
 * @err: error location (line too long, NUL byte, read error).
 *
 * Return: 1 with a line, 0 at end of input, negative errno on error.
 */
int trace_lines_next(struct trace_lines *l, char **line, GError **err);

/**
 * trace_lines_clear() - free the reader and close its descriptor.
 * @l: reader.
 */
void trace_lines_clear(struct trace_lines *l);

#endif /* DAMONSIM_TRACES_LINES_H */
