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
		/* the owner group (below) the handle counts in, 0 for none */
		uint32_t group;
	};

	/* Returns the new handle, or -1 when the table is full. */
	double Insert(T *ptr, uint32_t flags = 0, uint32_t group = 0)
	{
		uint32_t slot;

		if (free_head_ != kNone) {
			slot = free_head_;
			free_head_ = entries_[slot].next_free;
		} else {
			if (entries_.size() >= kMaxSlots)
				return -1;
			slot = uint32_t(entries_.size());
			entries_.push_back({nullptr, 1, kNone, 0, 0, 0});
		}
		entries_[slot].ptr = ptr;
		entries_[slot].flags = flags;
		entries_[slot].refs = 0;
		entries_[slot].group = group;
		if (group)
			group_live_[group]++;
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

	/*
	 * A slot whose generations are used up is retired, not wrapped: a
	 * handle names one object for the life of the table, so a finalizer
	 * holding the handle of an object freed long ago never finds
	 * another object under it.
	 */
	void Remove(Entry *e)
	{
		uint32_t slot = uint32_t(e - entries_.data());

		e->ptr = nullptr;
		live_--;
		if (e->group)
			group_live_[e->group]--;
		e->group = 0;
		/* kMaxGen itself names no handle: every one of the slot is stale */
		if (++e->gen >= kMaxGen)
			return;
		e->next_free = free_head_;
		free_head_ = slot;
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

	/*
	 * Owner groups. JS makes one owner object per group of handles (a
	 * few dozen made in a row) and each handle's object keeps it alive,
	 * so the owner is collected when every object of the group is.
	 * The handles of the group still live then were dropped without
	 * being freed: EndGroup() hands each to @fn. A group counts its live
	 * handles, so that the usual end, every one freed, costs no scan.
	 */
	uint32_t NewGroup()
	{
		uint32_t g;

		if (!group_free_.empty()) {
			g = group_free_.back();
			group_free_.pop_back();
			return g;
		}
		if (group_live_.empty())
			group_live_.push_back(0);	/* 0: no group */
		g = uint32_t(group_live_.size());
		group_live_.push_back(0);
		return g;
	}

	bool IsGroup(double g) const
	{
		return g >= 1 && g < double(group_live_.size()) && g == std::floor(g);
	}

	void SetGroup(Entry *e, uint32_t g)
	{
		if (e->group)
			group_live_[e->group]--;
		e->group = g;
		if (g)
			group_live_[g]++;
	}

	template <typename F> void EndGroup(uint32_t g, F fn)
	{
		for (size_t i = 0; group_live_[g] && i < entries_.size(); i++)
			if (entries_[i].ptr && entries_[i].group == g)
				fn(&entries_[i]);
		group_live_[g] = 0;
		group_free_.push_back(g);
	}

private:
	static constexpr uint32_t kNone = UINT32_MAX;
	std::vector<uint32_t> group_live_;
	std::vector<uint32_t> group_free_;
	std::vector<Entry> entries_;
	uint32_t free_head_ = kNone;
	size_t live_ = 0;
};

} /* namespace skbext */

#endif /* SKBEXT_NAPI_HANDLES_H */
