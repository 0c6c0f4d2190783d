# SPDX-License-Identifier: GPL-2.0-only
# The named configs (csrc/configs/<name>/generated/autoconf.h), for the
# top-level CMakeLists.txt and bench/c. include() it, then
#   skbext_config_include(VAR [NAME])   VAR: the include directory of
#                                       config NAME (default ${SKBEXT_CONFIG})
#   skbext_design_defs(VAR)             VAR: the compile definitions of
#                                       the design ${SKBEXT_DESIGN}
# SKBEXT_CONFIG is the one switch: -DSKBEXT_CONFIG=full.
set(SKBEXT_CONFIG "debian" CACHE STRING "skb extension config: debian (Debian 6.1's ids) or full")
set(SKBEXT_CONFIGS_DIR ${CMAKE_CURRENT_LIST_DIR})
# The extension block's allocation design on top of the config (issue 18,
# docs/design-variants.md): none (6.1's), cache (CONFIG_SKB_EXT_CACHE: one
# freed block kept per thread for the next allocation) or in_head
# (CONFIG_SKB_EXT_IN_HEAD: the block in room reserved after the head's
# skb_shared_info). -DSKBEXT_DESIGN=cache.
set(SKBEXT_DESIGN "none" CACHE STRING "skb_ext allocation design: none, cache or in_head")
set_property(CACHE SKBEXT_DESIGN PROPERTY STRINGS none cache in_head)

function(skbext_design_defs var)
  if(SKBEXT_DESIGN STREQUAL "none")
    set(${var} "" PARENT_SCOPE)
  elseif(SKBEXT_DESIGN STREQUAL "cache")
    set(${var} CONFIG_SKB_EXT_CACHE=1 PARENT_SCOPE)
  elseif(SKBEXT_DESIGN STREQUAL "in_head")
    set(${var} CONFIG_SKB_EXT_IN_HEAD=1 PARENT_SCOPE)
  else()
    message(FATAL_ERROR "SKBEXT_DESIGN=${SKBEXT_DESIGN}: no such design (have: none, cache, in_head)")
  endif()
endfunction()

function(skbext_config_include var)
  if(ARGC GREATER 1)
    set(name ${ARGV1})
  else()
    set(name ${SKBEXT_CONFIG})
  endif()
  set(dir ${SKBEXT_CONFIGS_DIR}/${name})
  if(NOT EXISTS ${dir}/generated/autoconf.h)
    file(GLOB have RELATIVE ${SKBEXT_CONFIGS_DIR} ${SKBEXT_CONFIGS_DIR}/*/generated/autoconf.h)
    list(TRANSFORM have REPLACE "/generated/autoconf.h$" "")
    message(FATAL_ERROR "SKBEXT_CONFIG=${name}: no such config (have: ${have})")
  endif()
  set(${var} ${dir} PARENT_SCOPE)
endfunction()
