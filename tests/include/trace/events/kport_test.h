/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A trace system of the tests' own, written the way the kernel's headers
 * are, to exercise what no tree version may happen to use: dynamic arrays,
 * __print_hex, conditions and trace_call__.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM kport_test

#if !defined(_TRACE_KPORT_TEST_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_KPORT_TEST_H

#include <linux/types.h>
#include <linux/tracepoint.h>

TRACE_EVENT_CONDITION(kport_test_hits,

	TP_PROTO(unsigned long id, const unsigned char *hits,
		 unsigned int nr_hits),

	TP_ARGS(id, hits, nr_hits),

	TP_CONDITION(nr_hits > 0),

	TP_STRUCT__entry(
		__field(unsigned long, id)
		__dynamic_array(unsigned char, hits, nr_hits)
		__field(unsigned int, nr_hits)
		__dynamic_array(u32, words, 2)
	),

	TP_fast_assign(
		__entry->id = id;
		memcpy(__get_dynamic_array(hits), hits, nr_hits);
		__entry->nr_hits = nr_hits;
		((u32 *)__get_dynamic_array(words))[0] = 0xdead;
		((u32 *)__get_dynamic_array(words))[1] = 0xbeef;
	),

	TP_printk("id=%lu hits=%s n=%u", __entry->id,
		  __print_hex(__get_dynamic_array(hits),
			      __get_dynamic_array_len(hits)),
		  __entry->nr_hits)
);

#endif /* _TRACE_KPORT_TEST_H */

#include <trace/define_trace.h>
