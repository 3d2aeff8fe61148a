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

#define DECLARE_EVENT_CLASS(class, proto, args, tstruct, assign, print)	\
	struct kport_trace_entry_##class { tstruct };			\
	static void kport_trace_emit_##class(				\
		const struct kport_trace_entry_##class *entry,		\
		const char *event);					\
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
		struct kport_trace_entry_##class entry_;		\
									\
		if (!(cond) || !trace_##name##_enabled())		\
			return;						\
		kport_trace_fill_##class(&entry_, args);		\
		kport_trace_emit_##class(&entry_, #name);		\
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
