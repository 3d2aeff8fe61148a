// SPDX-License-Identifier: GPL-2.0
/*
 * stats.c - event stream statistics.
 */
#include <string.h>

#include "traces/stats.h"

#define STATS_CHUNK_SHIFT	15
#define STATS_CHUNK_WORDS	((1u << STATS_CHUNK_SHIFT) / 64)

static guint stats_hash(gconstpointer k)
{
	uint64_t v = *(const uint64_t *)k;

	return (guint)(v ^ (v >> 32)) * 2654435761u;
}

static gboolean stats_equal(gconstpointer a, gconstpointer b)
{
	return *(const uint64_t *)a == *(const uint64_t *)b;
}

void trace_stats_init(struct trace_stats *s, uint32_t page_size)
{
	memset(s, 0, sizeof(*s));
	while (page_size > 1u << s->page_shift && s->page_shift < 30)
		s->page_shift++;
	s->min_addr = UINT64_MAX;
	s->chunks = g_hash_table_new_full(stats_hash, stats_equal, g_free,
					  g_free);
}

static void stats_touch(struct trace_stats *s, uint64_t page)
{
	uint64_t key = page >> STATS_CHUNK_SHIFT, bit = page & 0x7fff;
	uint64_t *bits = g_hash_table_lookup(s->chunks, &key);

	if (!bits) {
		bits = g_new0(uint64_t, STATS_CHUNK_WORDS);
		g_hash_table_insert(s->chunks, g_memdup2(&key, sizeof(key)),
				    bits);
	}
	if (!(bits[bit / 64] & (1ull << (bit % 64)))) {
		bits[bit / 64] |= 1ull << (bit % 64);
		s->pages++;
	}
}

void trace_stats_add(struct trace_stats *s, const struct trace_event *ev)
{
	uint64_t end, p;

	if (ev->type >= TRACE_EV_NR)
		return;
	if (!trace_stats_total(s))
		s->first_time = ev->time_ns;
	s->last_time = ev->time_ns;
	s->counts[ev->type]++;
	if (ev->type != TRACE_EV_ACCESS)
		return;
	s->writes += ev->write;
	end = ev->addr + (ev->size ? ev->size : 1);
	if (end < ev->addr)
		end = UINT64_MAX;
	if (ev->addr < s->min_addr)
		s->min_addr = ev->addr;
	if (end > s->max_addr)
		s->max_addr = end;
	for (p = ev->addr >> s->page_shift; p <= (end - 1) >> s->page_shift;
	     p++)
		stats_touch(s, p);
}

uint64_t trace_stats_total(const struct trace_stats *s)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < TRACE_EV_NR; i++)
		n += s->counts[i];
	return n;
}

void trace_stats_print(const struct trace_stats *s, FILE *f,
		       uint64_t file_size)
{
	uint64_t total = trace_stats_total(s);
	uint64_t acc = s->counts[TRACE_EV_ACCESS];
	int i;

	fprintf(f, "events:          %" G_GUINT64_FORMAT "\n", total);
	for (i = 0; i < TRACE_EV_NR; i++)
		fprintf(f, "  %-14s %" G_GUINT64_FORMAT "\n",
			trace_event_type_name(i), s->counts[i]);
	fprintf(f, "  (writes)       %" G_GUINT64_FORMAT "\n", s->writes);
	if (total)
		fprintf(f, "time span:       %" G_GUINT64_FORMAT " .. %"
			G_GUINT64_FORMAT " ns (%.6f s)\n", s->first_time,
			s->last_time,
			(double)(s->last_time - s->first_time) / 1e9);
	if (acc)
		fprintf(f, "address span:    0x%" G_GINT64_MODIFIER "x .. 0x%"
			G_GINT64_MODIFIER "x (%" G_GUINT64_FORMAT " bytes)\n",
			s->min_addr, s->max_addr, s->max_addr - s->min_addr);
	fprintf(f, "footprint:       %" G_GUINT64_FORMAT " pages (%"
		G_GUINT64_FORMAT " bytes)\n", s->pages,
		s->pages << s->page_shift);
	if (file_size && total)
		fprintf(f, "bytes/event:     %.3f (file %" G_GUINT64_FORMAT
			" bytes)\n", (double)file_size / total, file_size);
	if (file_size && acc)
		fprintf(f, "bytes/access:    %.3f\n", (double)file_size / acc);
}

void trace_stats_clear(struct trace_stats *s)
{
	if (s->chunks)
		g_hash_table_destroy(s->chunks);
	s->chunks = NULL;
}
