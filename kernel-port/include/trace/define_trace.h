/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CUSTOMISED: second read of a trace header (see linux/tracepoint.h).  Under
 * CREATE_TRACE_POINTS it re-includes the header with the event macros
 * redefined to build, per event class, the field table and the emit
 * function that passes entries to the host; then a third time for the
 * offsets pass that places dynamic arrays in the entry's tail before
 * TP_fast_assign runs, as the kernel's trace_event_get_offsets does.
 */
#if defined(CREATE_TRACE_POINTS) && !defined(KPORT_TRACE_SECOND_READ)
#define KPORT_TRACE_SECOND_READ
#define TRACE_HEADER_MULTI_READ

#undef DECLARE_EVENT_CLASS
#undef DEFINE_EVENT_CONDITION
#undef DEFINE_EVENT
#undef TRACE_EVENT_CONDITION
#undef TRACE_EVENT
#undef __field
#undef __field_struct
#undef __array
#undef __dynamic_array

#define KPORT_IS_SIGNED(type) (((type)-1) < (type)1)
#define __field(type, item)						\
	{ #item, offsetof(kport_entry_t, item), sizeof(type),		\
	  KPORT_IS_SIGNED(type) },
#define __field_struct(type, item)					\
	{ #item, offsetof(kport_entry_t, item), sizeof(type), false },
#define __array(type, item, len)					\
	{ #item, offsetof(kport_entry_t, item), sizeof(type) * (len), false },
#define __dynamic_array(type, item, len)				\
	{ #item, offsetof(kport_entry_t, __data_loc_##item), sizeof(u32), \
	  false, true },

#define DECLARE_EVENT_CLASS(class, proto, args, tstruct, assign, print)	\
	static void kport_trace_emit_##class(				\
		const struct kport_trace_entry_##class *__entry,	\
		const char *event)					\
	{								\
		typedef struct kport_trace_entry_##class kport_entry_t;	\
		static const struct kport_trace_field fields[] = {	\
			tstruct						\
		};							\
		struct kport_trace_event ev = {				\
			.name = event,					\
			.fields = fields,				\
			.nr_fields = ARRAY_SIZE(fields),		\
			.entry = __entry,				\
		};							\
		char text[256];						\
									\
		if (kport_trace_wants_text()) {				\
			snprintf(text, sizeof(text), print);		\
			ev.text = text;					\
		}							\
		kport_trace_emit(&ev);					\
	}
#define DEFINE_EVENT_CONDITION(class, name, proto, args, cond)
#define DEFINE_EVENT(class, name, proto, args)
#define TRACE_EVENT_CONDITION(name, proto, args, cond, tstruct, assign, print) \
	DECLARE_EVENT_CLASS(name, PARAMS(proto), PARAMS(args),		\
			    PARAMS(tstruct), PARAMS(assign), PARAMS(print))
#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	DECLARE_EVENT_CLASS(name, PARAMS(proto), PARAMS(args),		\
			    PARAMS(tstruct), PARAMS(assign), PARAMS(print))

#include __stringify(trace/events/TRACE_SYSTEM.h)

/*
 * Third read: the offsets pass; only dynamic arrays generate code.  The
 * TRACE_EVENT* and DEFINE_EVENT* forms of the second read still map onto
 * DECLARE_EVENT_CLASS, so only that and the field macros change.
 */
#undef DECLARE_EVENT_CLASS
#undef __field
#undef __field_struct
#undef __array
#undef __dynamic_array

#define __field(type, item)
#define __field_struct(type, item)
#define __array(type, item, len)
#define __dynamic_array(type, item, len)				\
	__entry->__data_loc_##item = kport_trace_dyn_reserve(		\
		tail, &used, sizeof(type) * (len), __alignof__(type));

#define DECLARE_EVENT_CLASS(class, proto, args, tstruct, assign, print)	\
	static void kport_trace_dynlocs_##class(			\
		struct kport_trace_entry_##class *__entry, proto)	\
	{								\
		const size_t tail = offsetof(				\
			struct kport_trace_entry_##class, __kport_dyn);	\
		unsigned int used = 0;					\
									\
		(void)tail;						\
		(void)used;						\
		tstruct							\
	}

#include __stringify(trace/events/TRACE_SYSTEM.h)

#undef TRACE_HEADER_MULTI_READ
#endif
