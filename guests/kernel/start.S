/*
 * Entry point, interruption vector table and the interruption save/restore path of the
 * hbft guest kernel. Everything runs at privilege 0 with translation off.
 *
 * Every interruption saves the whole register state of the running task into the frame
 * that cur_frame points at, then calls trap(frame, number) in C on the interrupt stack.
 * trap() may point cur_frame at another task's frame (a context switch); the restore
 * path loads whatever frame cur_frame then names and returns to it with RFI.
 */
#define F_SAR   128
#define F_IPSW  132
#define F_PC0   136
#define F_PC1   140
#define F_SQ0   144
#define F_SQ1   148
#define F_IIR   152
#define F_ISR   156
#define F_IOR   160

	.level 1.1
	.section .text.start,"ax"
	.globl _start
_start:
	/* The machine passes the boot argument string in r26 and the memory size in r25. */
	ldil L%$global$,%r27
	ldo R%$global$(%r27),%r27
	ldil L%boot_stack,%sp
	ldo R%boot_stack(%sp),%sp
	ldo 64(%sp),%sp
	ldil L%ivt,%r1
	ldo R%ivt(%r1),%r1
	mtctl %r1,%cr14
	bl kmain,%r2
	nop
	/* kmain does not return; if it does, stop here. */
1:	b 1b
	nop

/* Saves the task state, runs trap(), restores the (possibly different) task state. */
trap_common:
	mtctl %r1,%cr25
	ldil L%cur_frame,%r1
	ldw R%cur_frame(%r1),%r1
	stw %r2,8(%r1)
	stw %r3,12(%r1)
	stw %r4,16(%r1)
	stw %r5,20(%r1)
	stw %r6,24(%r1)
	stw %r7,28(%r1)
	stw %r8,32(%r1)
	stw %r9,36(%r1)
	stw %r10,40(%r1)
	stw %r11,44(%r1)
	stw %r12,48(%r1)
	stw %r13,52(%r1)
	stw %r14,56(%r1)
	stw %r15,60(%r1)
	stw %r16,64(%r1)
	stw %r17,68(%r1)
	stw %r18,72(%r1)
	stw %r19,76(%r1)
	stw %r20,80(%r1)
	stw %r21,84(%r1)
	stw %r22,88(%r1)
	stw %r23,92(%r1)
	stw %r24,96(%r1)
	stw %r25,100(%r1)
	stw %r26,104(%r1)
	stw %r27,108(%r1)
	stw %r28,112(%r1)
	stw %r29,116(%r1)
	stw %r30,120(%r1)
	stw %r31,124(%r1)
	mfctl %cr24,%r2
	stw %r2,4(%r1)
	mfctl %cr11,%r2
	stw %r2,F_SAR(%r1)
	mfctl %cr22,%r2
	stw %r2,F_IPSW(%r1)
	/* Reading CR17/CR18 gives the front element; writing shifts the queue. */
	mfctl %cr18,%r2
	stw %r2,F_PC0(%r1)
	mtctl %r0,%cr18
	mfctl %cr18,%r2
	stw %r2,F_PC1(%r1)
	mfctl %cr17,%r2
	stw %r2,F_SQ0(%r1)
	mtctl %r0,%cr17
	mfctl %cr17,%r2
	stw %r2,F_SQ1(%r1)
	mfctl %cr19,%r2
	stw %r2,F_IIR(%r1)
	mfctl %cr20,%r2
	stw %r2,F_ISR(%r1)
	mfctl %cr21,%r2
	stw %r2,F_IOR(%r1)
	ldil L%$global$,%r27
	ldo R%$global$(%r27),%r27
	ldil L%intr_stack,%sp
	ldo R%intr_stack(%sp),%sp
	ldo 64(%sp),%sp
	copy %r1,%r26
	mfctl %cr25,%r25
	bl trap,%r2
	nop

	.globl resume_current
resume_current:
	ldil L%cur_frame,%r1
	ldw R%cur_frame(%r1),%r1
	ldw F_SAR(%r1),%r2
	mtctl %r2,%cr11
	ldw F_IPSW(%r1),%r2
	mtctl %r2,%cr22
	ldw F_PC0(%r1),%r2
	mtctl %r2,%cr18
	ldw F_PC1(%r1),%r2
	mtctl %r2,%cr18
	ldw F_SQ0(%r1),%r2
	mtctl %r2,%cr17
	ldw F_SQ1(%r1),%r2
	mtctl %r2,%cr17
	ldw 8(%r1),%r2
	ldw 12(%r1),%r3
	ldw 16(%r1),%r4
	ldw 20(%r1),%r5
	ldw 24(%r1),%r6
	ldw 28(%r1),%r7
	ldw 32(%r1),%r8
	ldw 36(%r1),%r9
	ldw 40(%r1),%r10
	ldw 44(%r1),%r11
	ldw 48(%r1),%r12
	ldw 52(%r1),%r13
	ldw 56(%r1),%r14
	ldw 60(%r1),%r15
	ldw 64(%r1),%r16
	ldw 68(%r1),%r17
	ldw 72(%r1),%r18
	ldw 76(%r1),%r19
	ldw 80(%r1),%r20
	ldw 84(%r1),%r21
	ldw 88(%r1),%r22
	ldw 92(%r1),%r23
	ldw 96(%r1),%r24
	ldw 100(%r1),%r25
	ldw 104(%r1),%r26
	ldw 108(%r1),%r27
	ldw 112(%r1),%r28
	ldw 116(%r1),%r29
	ldw 120(%r1),%r30
	ldw 124(%r1),%r31
	ldw 4(%r1),%r1
	rfi
	nop

/* A system call: break with the call number in r26 and its argument in r25. */
	.globl syscall
syscall:
	break 0,0
	bv %r0(%r2)
	nop

	.macro vector n
	mtctl %r1,%cr24
	b trap_common
	ldi \n,%r1
	nop
	nop
	nop
	nop
	nop
	.endm

	.align 2048
	.globl ivt
ivt:
	vector 0
	vector 1
	vector 2
	vector 3
	vector 4
	vector 5
	vector 6
	vector 7
	vector 8
	vector 9
	vector 10
	vector 11
	vector 12
	vector 13
	vector 14
	vector 15
	vector 16
	vector 17
	vector 18
	vector 19
	vector 20
	vector 21
	vector 22
	vector 23
	vector 24
	vector 25
	vector 26
	vector 27
	vector 28
	vector 29
	vector 30
	vector 31

	.section .bss
	.align 64
boot_stack:
	.space 8192
	.align 64
intr_stack:
	.space 16384
