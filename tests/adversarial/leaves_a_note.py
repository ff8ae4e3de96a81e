"""Leaves a note for the next submission in POSIX shared memory (a file in /dev/shm) and in /tmp, then
answers wrongly: its classmate (reads_a_note) copies only if a note is still there."""
for place in ("/dev/shm/ag-adv-note", "/tmp/ag-adv-note"):
    try:
        with open(place, "w") as note:
            note.write("note")
    except OSError:
        pass


def conv_output_size(input_size, kernel_size, stride=1, padding=0, dilation=1):
    return -1
