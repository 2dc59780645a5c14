// Runs first thing in <body> (a file, not inline, so a strict Content-Security-Policy allows it):
// GOV.UK Frontend styles its JavaScript enhancements only when these classes are present.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
