// Apps Script implementation of the delegation ports: Spreadsheet.addEditor, Utilities digests and
// HMAC, and one header of the message open in Gmail (GmailApp with the contextual access token).
import type { DelegationPorts } from '../../ports/delegation';

function hex(bytes: number[]): string {
  return bytes.map((b) => ((b + 256) % 256).toString(16).padStart(2, '0')).join('');
}

export function gasDelegationPorts(): DelegationPorts {
  return {
    sharing: {
      addEditor: (spreadsheetId, email) => {
        SpreadsheetApp.openById(spreadsheetId).addEditor(email);
      },
    },
    signer: {
      sha256Hex: (text) =>
        hex(
          Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8),
        ),
      hmacSha256Hex: (key, text) =>
        hex(Utilities.computeHmacSha256Signature(text, key, Utilities.Charset.UTF_8)),
    },
    openMessage: {
      header: (messageId, accessToken, name) => {
        GmailApp.setCurrentMessageAccessToken(accessToken);
        const message = GmailApp.getMessageById(messageId);
        return { value: message.getHeader(name) || '', from: message.getFrom() };
      },
    },
  };
}
