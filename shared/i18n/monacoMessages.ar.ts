/**
 * Monaco's own words in Arabic, keyed by Monaco's English text (Monaco ships no Arabic pack; see
 * scripts/build/monacoMessages.ts, which finds each text's numbers in the installed Monaco). These
 * are the words a user meets in a SQL editor: the context menu, the find box, completion, go to
 * line, problems, and what a screen reader announces. A Monaco command not listed here (the command
 * palette's rarer entries) stays in English. Terms follow the glossary in docs/i18n.md.
 */
export const monacoMessagesAr: Readonly<Record<string, string>> = {
  // Context menu and clipboard.
  Cut: 'قص',
  Copy: 'نسخ',
  Paste: 'لصق',
  'Command Palette': 'لوحة الأوامر',
  'Change All Occurrences': 'تغيير كل التكرارات',
  'Copied to clipboard': 'نُسخ إلى الحافظة',
  // Find and replace.
  Find: 'بحث',
  'Find / Replace': 'بحث / استبدال',
  Replace: 'استبدال',
  'Replace All': 'استبدال الكل',
  'Toggle Replace': 'إظهار الاستبدال أو إخفاؤه',
  'Previous Match': 'التطابق السابق',
  'Next Match': 'التطابق التالي',
  'Find in Selection': 'البحث في التحديد',
  Close: 'إغلاق',
  'No results': 'لا نتائج',
  '{0} of {1}': '{0} من {1}',
  '{0} found': 'نتيجة البحث: {0}',
  "{0} found for '{1}'": 'البحث عن «{1}»: {0}',
  "{0} found for '{1}', at {2}": 'البحث عن «{1}»: {0}، عند {2}',
  'Only the first {0} results are highlighted, but all find operations work on the entire text.': 'لا تُبرَز إلا أول {0} نتيجة، لكن البحث والاستبدال يشملان النص كله.',
  'Press {0} for accessibility help': 'اضغط {0} لعرض مساعدة إمكانية الوصول',
  'Match Case': 'مطابقة حالة الأحرف',
  'Match Whole Word': 'مطابقة الكلمة كاملة',
  'Use Regular Expression': 'استخدام تعبير نمطي',
  'Preserve Case': 'الحفاظ على حالة الأحرف',
  // Completion.
  'Loading...': 'جارٍ التحميل…',
  'No suggestions.': 'لا اقتراحات.',
  Suggest: 'اقتراحات',
  'Show Less': 'عرض أقل',
  'Show More': 'عرض المزيد',
  Insert: 'إدراج',
  Select: 'تحديد',
  // Go to line (Ctrl+G).
  'Go to Line/Column...': 'الانتقال إلى سطر/عمود…',
  'Go to line. Type a line number, optionally followed by colon and column number.': 'الانتقال إلى سطر: اكتب رقم السطر، ويمكن أن تتبعه نقطتان ورقم العمود.',
  'Type a line number to go to (from 1 to {0}).': 'اكتب رقم السطر المطلوب (من 1 إلى {0}).',
  "Press 'Enter' to go to line {0} or enter colon : to add a column number.": 'اضغط Enter للانتقال إلى السطر {0}، أو اكتب نقطتين : لإضافة رقم العمود.',
  "Press 'Enter' to go to line {0} at column {1}.": 'اضغط Enter للانتقال إلى السطر {0} عند العمود {1}.',
  "Press 'Enter' to go to line {0} or enter a column number (from 1 to {1}).": 'اضغط Enter للانتقال إلى السطر {0}، أو اكتب رقم العمود (من 1 إلى {1}).',
  'Go to line {0}, column {1}. Press Enter to navigate.': 'السطر {0}، العمود {1}. اضغط Enter للانتقال.',
  // Problems (errors marked in the SQL).
  Error: 'خطأ',
  Warning: 'تحذير',
  Info: 'معلومة',
  Hint: 'تلميح',
  '{0} of {1} problems': 'المشكلة {0} من {1}',
  '{0} of {1} problem': 'المشكلة {0} من {1}',
  'Go to Next Problem (Error, Warning, Info)': 'الانتقال إلى المشكلة التالية (خطأ، تحذير، معلومة)',
  'Go to Previous Problem (Error, Warning, Info)': 'الانتقال إلى المشكلة السابقة (خطأ، تحذير، معلومة)',
  'View Problem': 'عرض المشكلة',
  'No quick fixes available': 'لا توجد إصلاحات سريعة',
  // Editing commands and what a screen reader announces.
  'Editor content': 'محتوى المحرّر',
  'Toggle Line Comment': 'تبديل تعليق السطر',
  'Toggle Block Comment': 'تبديل تعليق الكتلة',
  'Toggle Tab Key Moves Focus': 'تبديل نقل التركيز بمفتاح Tab',
  'Pressing Tab will now move focus to the next focusable element': 'مفتاح Tab ينقل التركيز الآن إلى العنصر التالي',
  'Pressing Tab will now insert the tab character': 'مفتاح Tab يُدرج الآن حرف الجدولة',
  'Cursor added: {0}': 'أُضيف مؤشر: {0}',
  'Cursors added: {0}': 'أُضيفت مؤشرات: {0}',
};
