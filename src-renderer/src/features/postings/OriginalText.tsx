import { ScrollArea, Text } from '@mantine/core'

/** A posting as it was pasted or extracted: always plain text (React escapes it), never parsed as HTML. */
export function OriginalText({ text, label, maxHeight = 420 }: { text: string; label: string; maxHeight?: number }) {
  return (
    <ScrollArea.Autosize mah={maxHeight} type="auto">
      <Text
        component="pre"
        size="sm"
        aria-label={label}
        data-testid="original-text"
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit', margin: 0 }}
      >
        {text}
      </Text>
    </ScrollArea.Autosize>
  )
}
