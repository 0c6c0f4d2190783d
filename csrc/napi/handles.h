// SPDX-License-Identifier: GPL-2.0-only
/*
 * The handle table: JS never holds a pointer, only a number naming a slot
 * and the generation the slot had when the handle was made. A freed slot
 * bumps its generation, so a stale handle is told apart from a live one
 * on every call, whatever the slot holds now.
 *
 * A handle is slot + generation * 2^24, an integer below 2^53, so it is
 * an exact JS number.
 */
#ifndef SKBEXT_NAPI_HANDLES_H
#define SKBEXT_NAPI_HANDLES_H

#include <cmath>
#include <cstdint>
#include <vector>

namespace skbext {

enum class Lookup { kLive, kStale, kInvalid };

template <typename T> class HandleTable {
public:
	static constexpr uint32_t kSlotBits = 24;
	static constexpr double kSlotSpan = double(1u << kSlotBits);
	static constexpr uint32_t kMaxSlots = 1u << kSlotBits;
	static constexpr uint32_t kMaxGen = 1u << 28;

	struct Entry {
		T *ptr;
		uint32_t gen;
		uint32_t next_free;
		uint32_t flags;
		/* references JS took through this handle and still holds */
		uint32_t refs;
	};

	/* Returns the new handle, or -1 when the table is full. */
	double Insert(T *ptr, uint32_t flags = 0)
	{
		uint32_t slot;

		if (free_head_ != kNone) {
			slot = free_head_;
			free_head_ = entries_[slot].next_free;
		} else {
			if (entries_.size() >= kMaxSlots)
				return -1;
			slot = uint32_t(entries_.size());
			entries_.push_back({nullptr, 1, kNone, 0, 0});
		}
		entries_[slot].ptr = ptr;
		entries_[slot].flags = flags;
		entries_[slot].refs = 0;
		live_++;
		return double(slot) + double(entries_[slot].gen) * kSlotSpan;
	}

	Lookup Find(double h, Entry **out)
	{
		if (!(h >= 0) || h >= 9007199254740992.0 || h != std::floor(h))
			return Lookup::kInvalid;
		double g = std::floor(h / kSlotSpan);
		uint32_t slot = uint32_t(h - g * kSlotSpan);
		uint32_t gen = uint32_t(g);

		if (slot >= entries_.size() || gen == 0 || gen >= kMaxGen)
			return Lookup::kInvalid;
		Entry *e = &entries_[slot];
		if (e->gen == gen && e->ptr) {
			*out = e;
			return Lookup::kLive;
		}
		/* an older generation of this slot: a handle that was freed */
		return gen < e->gen ? Lookup::kStale : Lookup::kInvalid;
	}

	void Remove(Entry *e)
	{
		uint32_t slot = uint32_t(e - entries_.data());

		e->ptr = nullptr;
		e->gen = e->gen + 1 < kMaxGen ? e->gen + 1 : 1;
		e->next_free = free_head_;
		free_head_ = slot;
		live_--;
	}

	Entry *FindPtr(const T *ptr)
	{
		for (Entry &e : entries_)
			if (e.ptr == ptr)
				return &e;
		return nullptr;
	}

	double HandleOf(const Entry *e) const
	{
		return double(e - entries_.data()) + double(e->gen) * kSlotSpan;
	}

	template <typename F> void ForEachLive(F fn)
	{
		for (Entry &e : entries_)
			if (e.ptr)
				fn(&e);
	}

	size_t Live() const { return live_; }

private:
	static constexpr uint32_t kNone = UINT32_MAX;
	std::vector<Entry> entries_;
	uint32_t free_head_ = kNone;
	size_t live_ = 0;
};

} /* namespace skbext */

#endif /* SKBEXT_NAPI_HANDLES_H */
