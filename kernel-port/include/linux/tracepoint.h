/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: the kernel's TRACE_EVENT machinery, reduced to what damonsim
 * needs.  The tree's own trace header is compiled as is.  This first read
 * turns every event into a struct (its TP_STRUCT__entry), a fill function
 * (its TP_fast_assign) and trace_<event>() / trace_<event>_enabled().  The
 * second read, from trace/define_trace.h under CREATE_TRACE_POINTS, builds
 * for each event class a table describing its fields and the function that
 * hands a filled entry to the host (kport_trace_emit()).  So every
 * tracepoint of any tree version reaches the simulator, fields by name.
 *
 * Dynamic arrays (__dynamic_array, newer trees' probe hits) live in a tail
 * buffer of the entry, as the kernel's ring buffer keeps them after the
 * fixed part: the first read declares the __data_loc_<item> word, the
 * second read defines kport_trace_dynlocs_<class>(), which reserves each
 * array's bytes before TP_fast_assign runs (the kernel's offset pass).
 */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

#include <linux/kernel.h>
#include "hostops.h"

#define PARAMS(args...) args
#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_CONDITION(args...) args
#define TP_STRUCT__entry(args...) args
#define TP_fast_assign(args...) args
#define TP_printk(fmt, args...) fmt, args

#define __field(type, item) type item;
#define __field_struct(type, item) type item;
#define __array(type, item, len) type item[len];
#define __dynamic_array(type, item, len) u32 __data_loc_##item;

/* Bytes of dynamic-array data one entry can hold. */
#define KPORT_TRACE_DYN_MAX 1024

/* Where a dynamic array's bytes are: offset in the entry, length << 16. */
#define __get_dynamic_array(item)					\
	((void *)((uintptr_t)(__entry) +				\
		  ((__entry)->__data_loc_##item & 0xffff)))
#define __get_dynamic_array_len(item)					\
	(((__entry)->__data_loc_##item >> 16) & 0xffff)
#define __print_hex(buf, len) kport_trace_print_hex(buf, len)

/*
 * Reserve @size bytes aligned to @align in the entry's tail; *@used is the
 * tail's fill.  Aligned, unlike the kernel's packed ring buffer, so that
 * arrays of wider types are read without misaligned access on any host.
 */
u32 kport_trace_dyn_reserve(size_t tail_offset, unsigned int *used,
			    size_t size, size_t align);
/* Hex text of a buffer for TP_printk, valid until the next few calls. */
const char *kport_trace_print_hex(const void *buf, size_t len);

#define DECLARE_EVENT_CLASS(class, proto, args, tstruct, assign, print)	\
	struct kport_trace_entry_##class {				\
		tstruct							\
		unsigned char __kport_dyn[KPORT_TRACE_DYN_MAX]		\
			__attribute__((aligned(8)));			\
	};								\
	static void kport_trace_emit_##class(				\
		const struct kport_trace_entry_##class *entry,		\
		const char *event);					\
	static void kport_trace_dynlocs_##class(			\
		struct kport_trace_entry_##class *__entry, proto);	\
	static inline void kport_trace_fill_##class(			\
		struct kport_trace_entry_##class *__entry, proto)	\
	{								\
		assign							\
	}

#define DEFINE_EVENT_CONDITION(class, name, proto, args, cond)		\
	static inline bool trace_##name##_enabled(void)			\
	{								\
		return kport_trace_enabled(#name);			\
	}								\
	static inline void trace_##name(proto)				\
	{								\
		/* the dynamic tail is filled only as far as it is used */ \
		struct kport_trace_entry_##class entry_			\
			__attribute__((uninitialized));			\
									\
		if (!(cond) || !trace_##name##_enabled())		\
			return;						\
		kport_trace_dynlocs_##class(&entry_, args);		\
		kport_trace_fill_##class(&entry_, args);		\
		kport_trace_emit_##class(&entry_, #name);		\
	}								\
	/* Newer trees call this after testing _enabled() themselves. */ \
	static inline void trace_call__##name(proto)			\
	{								\
		trace_##name(args);					\
	}

#define DEFINE_EVENT(class, name, proto, args)				\
	DEFINE_EVENT_CONDITION(class, name, PARAMS(proto), PARAMS(args), 1)

#define TRACE_EVENT_CONDITION(name, proto, args, cond, tstruct, assign, print) \
	DECLARE_EVENT_CLASS(name, PARAMS(proto), PARAMS(args),		\
			    PARAMS(tstruct), PARAMS(assign), PARAMS(print)) \
	DEFINE_EVENT_CONDITION(name, name, PARAMS(proto), PARAMS(args),	\
			       PARAMS(cond))

#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	TRACE_EVENT_CONDITION(name, PARAMS(proto), PARAMS(args), 1,	\
			      PARAMS(tstruct), PARAMS(assign), PARAMS(print))

#endif /* _LINUX_TRACEPOINT_H */
