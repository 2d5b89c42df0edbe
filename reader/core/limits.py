"""Size limits that several layers agree on."""

# The most Folio downloads or reads for one page, feed or file: enough for any article, small
# enough that a wrong link to a video or an archive cannot fill memory.
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024
