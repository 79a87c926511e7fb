/* native-rtmp shim, the engine's stack switch (Linux): how a fiber's stack is entered and left.
 *
 * On x86-64 and aarch64 a switch saves the registers a called function must preserve (the
 * callee-saved ones of the platform's ABI, and on x86-64 the SSE and x87 control words) on the
 * stack it leaves, keeps that stack's pointer, and restores the other stack's. That is all a
 * switch between two C functions needs. ucontext's swapcontext also saves and restores the signal
 * mask, a system call each way (about 600 ns a round trip on the 2-core machine of
 * docs/benchmarks.md), which every call of a virtual thread on the engine pays twice. Nothing
 * here changes a signal mask, so the engine does not need that. Other Linux architectures, and
 * builds under AddressSanitizer (which follows swapcontext, not this), use ucontext. */
#include "shim.h"

#ifdef SHIM_OWN_SWITCH

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__)
/* shim_switch(void **from, void *to): rdi = from, rsi = to. Six callee-saved registers, then
 * MXCSR and the x87 control word in one 8-byte slot, so the saved stack stays 16-byte aligned
 * at the return address: 7 slots below it. */
__asm__(".text\n"
        ".globl shim_switch\n"
        ".hidden shim_switch\n"
        ".type shim_switch,@function\n"
        "shim_switch:\n"
        "  pushq %rbp\n"
        "  pushq %rbx\n"
        "  pushq %r12\n"
        "  pushq %r13\n"
        "  pushq %r14\n"
        "  pushq %r15\n"
        "  subq $8, %rsp\n"
        "  stmxcsr (%rsp)\n"
        "  fnstcw 4(%rsp)\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  ldmxcsr (%rsp)\n"
        "  fldcw 4(%rsp)\n"
        "  addq $8, %rsp\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        "  ret\n"
        ".size shim_switch, .-shim_switch\n");

#define SAVED_SLOTS 7 /* the control words, r15 .. rbp */

void shim_context_make(shim_context *c, char *stack, size_t size, void (*entry)(void))
{
  /* from the top: a 16-byte aligned slot holding entry (the switch's ret goes there, and entry
   * starts as if called: its stack pointer 8 past a multiple of 16), a zero return address above
   * it for entry, which never returns, and the saved slots below it, all zero but the control
   * words at their initial values (the ABI's: all exceptions masked, round to nearest) */
  uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)15;
  uint64_t *ret = (uint64_t *)(top - 16);
  uint64_t *sp = ret - SAVED_SLOTS;
  uint32_t mxcsr = 0x1F80;
  uint16_t x87 = 0x037F;
  memset(sp, 0, (SAVED_SLOTS + 2) * sizeof *sp);
  memcpy(sp, &mxcsr, sizeof mxcsr);
  memcpy((char *)sp + 4, &x87, sizeof x87);
  ret[0] = (uint64_t)(uintptr_t)entry;
  c->sp = sp;
}

#elif defined(__aarch64__)
/* shim_switch(void **from, void *to): x0 = from, x1 = to. x19-x28, the frame pointer (x29), the
 * link register (x30: where ret goes) and d8-d15: 160 bytes, a multiple of 16. */
__asm__(".text\n"
        ".globl shim_switch\n"
        ".hidden shim_switch\n"
        ".type shim_switch,%function\n"
        "shim_switch:\n"
        "  sub sp, sp, #160\n"
        "  stp x19, x20, [sp, #0]\n"
        "  stp x21, x22, [sp, #16]\n"
        "  stp x23, x24, [sp, #32]\n"
        "  stp x25, x26, [sp, #48]\n"
        "  stp x27, x28, [sp, #64]\n"
        "  stp x29, x30, [sp, #80]\n"
        "  stp d8, d9, [sp, #96]\n"
        "  stp d10, d11, [sp, #112]\n"
        "  stp d12, d13, [sp, #128]\n"
        "  stp d14, d15, [sp, #144]\n"
        "  mov x2, sp\n"
        "  str x2, [x0]\n"
        "  mov sp, x1\n"
        "  ldp x19, x20, [sp, #0]\n"
        "  ldp x21, x22, [sp, #16]\n"
        "  ldp x23, x24, [sp, #32]\n"
        "  ldp x25, x26, [sp, #48]\n"
        "  ldp x27, x28, [sp, #64]\n"
        "  ldp x29, x30, [sp, #80]\n"
        "  ldp d8, d9, [sp, #96]\n"
        "  ldp d10, d11, [sp, #112]\n"
        "  ldp d12, d13, [sp, #128]\n"
        "  ldp d14, d15, [sp, #144]\n"
        "  add sp, sp, #160\n"
        "  ret\n"
        ".size shim_switch, .-shim_switch\n");

#define SAVED_BYTES 160
#define LINK_REGISTER_AT 88 /* x30's slot */

void shim_context_make(shim_context *c, char *stack, size_t size, void (*entry)(void))
{
  /* the saved registers all zero (no frame above entry's: x29 = 0), but x30 = entry, so that
   * the switch's ret starts entry with its stack pointer at the 16-byte aligned top */
  uintptr_t top = ((uintptr_t)stack + size) & ~(uintptr_t)15;
  char *sp = (char *)(top - SAVED_BYTES);
  uint64_t at = (uint64_t)(uintptr_t)entry;
  memset(sp, 0, SAVED_BYTES);
  memcpy(sp + LINK_REGISTER_AT, &at, sizeof at);
  c->sp = sp;
}

#endif

void shim_switch(void **from, void *to);

void shim_context_switch(shim_context *from, shim_context *to)
{
  shim_switch(&from->sp, to->sp);
}

#elif defined(__linux__)

void shim_context_make(shim_context *c, char *stack, size_t size, void (*entry)(void))
{
  getcontext(c);
  c->uc_stack.ss_sp = stack;
  c->uc_stack.ss_size = size;
  c->uc_link = NULL; /* entry never returns */
  makecontext(c, entry, 0);
}

void shim_context_switch(shim_context *from, shim_context *to)
{
  swapcontext(from, to);
}

#endif
